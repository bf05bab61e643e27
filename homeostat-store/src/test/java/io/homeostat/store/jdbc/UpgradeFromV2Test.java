package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.IncidentQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database migrated up to V2, holding an incident in the V1 shape, opens at the latest version with it intact. */
class UpgradeFromV2Test {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Incident OLD = Incident.builder().id("old-1").fingerprint("triage|errors|rate")
            .title("errors on triage").addService("triage").severity(Severity.HIGH).openedAt(T0).detectionCount(3)
            .build();

    @TempDir
    Path directory;

    @Test
    void h2KeepsAnIncidentWrittenBeforeV3() throws SQLException {
        StoreConfig config = TestDatabases.h2(directory);
        Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").target("2").load().migrate();
        insertOldIncident(config, "");

        try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
            assertIncidentReadable(store);
        }
    }

    @Test
    void postgresKeepsAnIncidentWrittenBeforeV3() throws SQLException {
        String schema = TestDatabases.newSchemaName("upgrade");
        StoreConfig config = TestDatabases.postgres(schema, directory);
        try {
            Flyway.configure().dataSource(config.jdbcUrl(), config.user(), config.password())
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                    .schemas(schema).defaultSchema(schema).target("2").load().migrate();
            insertOldIncident(config, "SET search_path TO " + schema);

            try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
                assertIncidentReadable(store);
            }
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void insertOldIncident(StoreConfig config, String setSchema) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            if (!setSchema.isEmpty()) {
                s.execute(setSchema);
            }
            s.executeUpdate("INSERT INTO incident (id, fingerprint, service, category, signature, severity, status, "
                    + "title, detection_count, flapping, root_service, opened_at, updated_at, resolved_at) VALUES "
                    + "('old-1', 'triage|errors|rate', 'triage', 'api', 'rate', 'high', 'open', 'errors on triage', 3, "
                    + "FALSE, NULL, TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00', NULL)");
        }
    }

    private static void assertIncidentReadable(JdbcStore store) {
        assertThat(store.incidents().find("old-1")).contains(OLD);
        assertThat(store.incidents().findActiveByFingerprint("triage|errors|rate")).contains(OLD);
        assertThat(store.incidents().list(IncidentQuery.all().withService("triage"))).containsExactly(OLD);
    }
}
