package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database at V9 holding an audit record opens at V10 with it intact and the trail still
 * append-only, and takes a record whose target is longer than the 200 characters V1 allowed (a
 * flag change on a long service name: {@code flag:recovery.service:} and the name).
 */
class UpgradeToV10Test {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String LONG_TARGET = "flag:recovery.service:" + "s".repeat(200);

    @TempDir
    Path directory;

    @Test
    void h2TakesAnAuditTargetOfMoreThan200Characters() throws SQLException {
        StoreConfig config = TestDatabases.h2(directory);
        Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").target("9").load().migrate();
        insertOldRecord(config, "");

        try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
            assertLongTargetKept(store);
        }
    }

    @Test
    void postgresTakesAnAuditTargetOfMoreThan200Characters() throws SQLException {
        String schema = TestDatabases.newSchemaName("upgrade10");
        StoreConfig config = TestDatabases.postgres(schema, directory);
        try {
            Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                    .schemas(schema).defaultSchema(schema).target("9").load().migrate();
            insertOldRecord(config, "SET search_path TO " + schema);

            try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
                assertLongTargetKept(store);
            }
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void insertOldRecord(StoreConfig config, String setSchema) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            if (!setSchema.isEmpty()) {
                s.execute(setSchema);
            }
            s.executeUpdate("INSERT INTO audit_record (id, recorded_at, actor, action, target, reason, evidence, "
                    + "integrity, notified, user_impact) VALUES ('old', TIMESTAMP WITH TIME ZONE "
                    + "'2026-03-01 10:00:00+00', 'planner', 'run.started', 'svc', 'old', '{}', 'not_checked', "
                    + "'[]', 'none')");
        }
    }

    private static void assertLongTargetKept(JdbcStore store) throws SQLException {
        store.auditLog().append(AuditRecord.of("long", T0.plusSeconds(1), "operator", "api.flag.set", LONG_TARGET,
                "leave it alone", Map.of()));
        store.flush();

        List<AuditRecord> trail = store.auditLog().query(AuditQuery.between(T0, T0.plusSeconds(10)));
        assertThat(trail).extracting(AuditRecord::id).containsExactly("old", "long");
        assertThat(trail.get(1).target()).isEqualTo(LONG_TARGET).hasSize(222);
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_record SET actor = 'someone else'"))
                    .hasMessageContaining("append-only");
        }
    }
}
