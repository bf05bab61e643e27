package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.OpenEscalation;
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
    void aSilenceAlertOrEscalationThatCannotBeReadIsSkippedAndTheOthersAreRead() throws SQLException {
        try (JdbcStore store = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO alert_silence (id, matchers, starts_at, ends_at, author, comment) VALUES"
                        + " ('future', '[{\"label\":\"service\",\"op\":\"glob\",\"value\":\"x*\"}]',"
                        + " TIMESTAMP WITH TIME ZONE '2026-06-01 12:00:00+00', TIMESTAMP WITH TIME ZONE '2026-06-01 13:00:00+00', 'ops', ''),"
                        + " ('fine', '[{\"label\":\"service\",\"op\":\"equals\",\"value\":\"x\"}]',"
                        + " TIMESTAMP WITH TIME ZONE '2026-06-01 12:00:00+00', TIMESTAMP WITH TIME ZONE '2026-06-01 13:00:00+00', 'ops', '')");
                s.execute("INSERT INTO active_alert (fingerprint, labels, summary, starts_at, acknowledged_by) VALUES"
                        + " ('bad', 'not json', '', TIMESTAMP WITH TIME ZONE '2026-06-01 12:00:00+00', '')");
                s.execute("INSERT INTO open_escalation (escalation_key, service, severity, summary, level_index,"
                        + " acknowledged, flapping, climbs_at) VALUES"
                        + " ('inc-new', 'db', 'CATASTROPHIC', '', 0, FALSE, FALSE, TIMESTAMP WITH TIME ZONE '2026-06-01 12:05:00+00'),"
                        + " ('inc-odd', 'db', 'HIGH', '', 0, TRUE, FALSE, TIMESTAMP WITH TIME ZONE '2026-06-01 12:05:00+00'),"
                        + " ('inc-fine', 'db', 'HIGH', 'db down', 1, TRUE, FALSE, NULL)");
            }

            assertThat(store.silences().all()).extracting(silence -> silence.id()).containsExactly("fine");
            assertThat(store.activeAlerts().all()).isEmpty();
            assertThat(store.activeAlerts().escalations()).extracting(OpenEscalation::key)
                    .as("a severity this version does not know; acknowledged yet climbing").containsExactly("inc-fine");
        }
    }
}
