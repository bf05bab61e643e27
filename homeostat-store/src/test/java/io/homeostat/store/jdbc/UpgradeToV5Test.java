package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database at V4 holding audit records (in the append-only table) and a step record opens at
 * V5 with them intact: the audit table gains its sequence without an UPDATE its triggers would
 * refuse, records appended afterwards read after the old ones of the same instant, and the old
 * step record reads with no parameters and no approver.
 */
class UpgradeToV5Test {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void h2KeepsAuditAndStepRecordsWrittenBeforeV5() throws SQLException {
        StoreConfig config = TestDatabases.h2(directory);
        Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").target("4").load().migrate();
        insertOldRows(config, "");

        try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
            assertReadable(store);
        }
    }

    @Test
    void postgresKeepsAuditAndStepRecordsWrittenBeforeV5() throws SQLException {
        String schema = TestDatabases.newSchemaName("upgrade5");
        StoreConfig config = TestDatabases.postgres(schema, directory);
        try {
            Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                    .schemas(schema).defaultSchema(schema).target("4").load().migrate();
            insertOldRows(config, "SET search_path TO " + schema);

            try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
                assertReadable(store);
            }
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void insertOldRows(StoreConfig config, String setSchema) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            if (!setSchema.isEmpty()) {
                s.execute(setSchema);
            }
            for (int i = 0; i < 3; i++) {
                s.executeUpdate("INSERT INTO audit_record (id, recorded_at, actor, action, target, reason, evidence, "
                        + "integrity, notified, user_impact) VALUES ('old-" + i + "', TIMESTAMP WITH TIME ZONE "
                        + "'2026-03-01 10:00:0" + i + "+00', 'planner', 'run.started', 'svc', 'old', '{}', 'not_checked', "
                        + "'[]', 'none')");
            }
            s.executeUpdate("INSERT INTO workflow_step (run_id, step_index, step_name, attempt, action, phase, "
                    + "recorded_at, detail, undo_data) VALUES ('run-old', 0, 'switch', 1, 'failover', 'STARTED', "
                    + "TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00', '', '{}')");
        }
    }

    private static void assertReadable(JdbcStore store) {
        AuditRecord after = AuditRecord.of("a-new", T0.plusSeconds(2), "planner", "run.succeeded", "svc", "new", Map.of());
        store.auditLog().append(after);
        store.auditLog().flush();

        assertThat(store.auditLog().query(AuditQuery.between(T0, T0.plusSeconds(10)))).extracting(AuditRecord::id)
                .containsExactly("old-0", "old-1", "old-2", "a-new");
        assertThat(store.workflows().steps("run-old")).containsExactly(new StepRecord("run-old", 0, "switch", 1,
                "failover", StepPhase.STARTED, T0, "", Map.of()));
    }
}
