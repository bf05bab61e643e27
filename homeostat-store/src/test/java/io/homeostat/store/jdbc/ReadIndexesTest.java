package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reads the API makes through the stores have indexes that lead with the columns they filter on. */
class ReadIndexesTest {

    /** Table, then the leading columns of an index it must have. */
    private static final List<List<String>> WANTED = List.of(
            List.of("incident", "status", "opened_at"),
            List.of("incident", "opened_at", "id"),
            List.of("incident_service", "service", "incident_id"),
            List.of("incident_fingerprint", "fingerprint", "incident_id"),
            List.of("incident_timeline", "incident_id", "seq"),
            List.of("alert_event", "incident_id", "event_at"),
            List.of("alert_event", "alert_id", "event_at"),
            List.of("alert_event", "event_at", "seq"),
            List.of("error_pattern_service", "service", "signature"),
            List.of("error_pattern", "last_seen", "signature"),
            List.of("baseline", "valid_until"),
            List.of("effectiveness_outcome", "problem_key", "action"),
            List.of("workflow_run", "started_at", "run_id"),
            List.of("workflow_run", "active_incident"),
            List.of("workflow_step", "run_id", "seq"),
            List.of("diagnosis", "incident_id", "diagnosed_at"),
            List.of("diagnosis", "diagnosed_at", "seq"),
            List.of("audit_record", "recorded_at", "seq"),
            List.of("workflow_step", "recorded_at"));

    @TempDir
    Path directory;

    @Test
    void h2HasAnIndexForEveryRead() throws SQLException {
        try (JdbcStore store = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            assertIndexes(store);
        }
    }

    @Test
    void postgresHasAnIndexForEveryRead() throws SQLException {
        String schema = TestDatabases.newSchemaName("indexes");
        try (JdbcStore store = JdbcStore.open(TestDatabases.postgres(schema, directory), ManualClock.create().scheduler())) {
            assertIndexes(store);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void assertIndexes(JdbcStore store) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            for (List<String> wanted : WANTED) {
                List<String> leading = wanted.subList(1, wanted.size());
                assertThat(indexes(c, wanted.getFirst()).values())
                        .as("an index on %s leading with %s", wanted.getFirst(), leading)
                        .anySatisfy(columns -> assertThat(columns).startsWith(leading.toArray(String[]::new)));
            }
        }
    }

    /** Each index of {@code table} (primary key included) with its columns in order. */
    private static Map<String, List<String>> indexes(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        Map<String, List<String>> indexes = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), name, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    List<String> columns = indexes.computeIfAbsent(index, k -> new ArrayList<>());
                    int position = rs.getInt("ORDINAL_POSITION");
                    while (columns.size() < position) {
                        columns.add("");
                    }
                    columns.set(position - 1, column.toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(indexes).as("indexes of %s", table).isNotEmpty();
        return indexes;
    }
}
