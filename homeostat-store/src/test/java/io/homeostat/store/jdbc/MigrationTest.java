package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {

    private static final List<String> TABLES = List.of("metric_sample", "metric_rollup_minute", "metric_rollup_hour",
            "baseline", "failure_event", "incident", "incident_service", "incident_fingerprint", "incident_timeline",
            "diagnosis", "circuit_breaker_state", "error_pattern",
            "error_pattern_service", "alert_event", "effectiveness", "effectiveness_outcome", "audit_record",
            "daily_summary", "workflow_run", "workflow_step", "idempotency_claim", "recovery_switch",
            "alert_silence", "active_alert", "open_escalation", "api_token");

    @TempDir
    Path directory;

    @Test
    void h2GetsEveryTableAndRefusesToChangeTheAuditTrail() throws SQLException {
        StoreConfig config = TestDatabases.h2(directory);
        try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
            assertSchema(store);
        }
        try (JdbcStore again = JdbcStore.open(config, ManualClock.create().scheduler())) {
            assertThat(TestDatabases.count(again, "audit_record")).as("a second start migrates nothing").isEqualTo(1);
        }
    }

    @Test
    void postgresGetsEveryTableAndRefusesToChangeTheAuditTrail() throws SQLException {
        String schema = TestDatabases.newSchemaName("migration");
        try (JdbcStore store = JdbcStore.open(TestDatabases.postgres(schema, directory), ManualClock.create().scheduler())) {
            assertSchema(store);
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("TRUNCATE audit_record")).hasMessageContaining("append-only");
            }
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void assertSchema(JdbcStore store) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            assertThat(tables).containsAll(TABLES);
        }
        store.auditLog().append(AuditRecord.of("a-1", Instant.parse("2026-03-01T00:00:00Z"), "planner", "x", "t", "",
                Map.of()));
        store.flush();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_record SET actor = 'someone else'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_record")).hasMessageContaining("append-only");
        }
        assertThat(TestDatabases.count(store, "audit_record")).isEqualTo(1);
    }
}
