package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows of the alert state kept across restarts that this version cannot read (a newer one wrote
 * a matcher it does not know, say) are skipped with an error in the log: the server still starts.
 */
class UnreadableStateRowsTest {

    @TempDir
    Path directory;

    @Test
    void aSilenceOrAlertThatCannotBeReadIsSkippedAndTheOthersAreRead() throws SQLException {
        try (JdbcStore store = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO alert_silence (id, matchers, starts_at, ends_at, author, comment) VALUES"
                        + " ('future', '[{\"label\":\"service\",\"op\":\"glob\",\"value\":\"x*\"}]',"
                        + " TIMESTAMP WITH TIME ZONE '2026-06-01 12:00:00+00', TIMESTAMP WITH TIME ZONE '2026-06-01 13:00:00+00', 'ops', ''),"
                        + " ('fine', '[{\"label\":\"service\",\"op\":\"equals\",\"value\":\"x\"}]',"
                        + " TIMESTAMP WITH TIME ZONE '2026-06-01 12:00:00+00', TIMESTAMP WITH TIME ZONE '2026-06-01 13:00:00+00', 'ops', '')");
                s.execute("INSERT INTO active_alert (fingerprint, labels, summary, starts_at, acknowledged_by) VALUES"
                        + " ('bad', 'not json', '', TIMESTAMP WITH TIME ZONE '2026-06-01 12:00:00+00', '')");
            }

            assertThat(store.silences().all()).extracting(silence -> silence.id()).containsExactly("fine");
            assertThat(store.activeAlerts().all()).isEmpty();
        }
    }
}
