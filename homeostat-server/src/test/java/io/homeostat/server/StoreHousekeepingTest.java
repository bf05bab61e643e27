package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.server.runtime.Retention;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.RollupJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server rolls metric samples up and prunes old samples and rollups on its own, by homeostat.yaml's retention. */
class StoreHousekeepingTest {

    @TempDir
    Path data;

    private static long count(JdbcStore store, String sql) throws SQLException {
        // a second connection to the same embedded H2 database, in this JVM
        try (var c = java.sql.DriverManager.getConnection(store.config().jdbcUrl() + ";WRITE_DELAY=0", store.config().user(),
                store.config().password()); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void samplesAreRolledUpEveryMinuteAndOldSamplesAndRollupsArePrunedHourly() throws Exception {
        // every raw sample stored (not one per series per second), so both samples below are rolled up
        LoopOptions everySample = LoopOptions.defaults().withRawSampleInterval(Duration.ZERO);
        try (RunningServer running = new RunningServer(data, everySample)) {
            JdbcStore store = running.server.loop().store();
            Instant now = running.clock.instant();
            running.server.loop().bus().publish(new MetricSample("orders", "latency.p95", 120, now.minusSeconds(30), Map.of()));
            running.server.loop().bus().publish(new MetricSample("orders", "latency.p95", 80, now.minusSeconds(20), Map.of()));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                store.flush();
                return count(store, "SELECT COUNT(*) FROM metric_sample WHERE service = 'orders'") == 2;
            });
            assertThat(count(store, "SELECT COUNT(*) FROM metric_rollup_minute")).isZero();

            running.clock.advance(Duration.ofMinutes(1));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.loop().housekeeping().rollupRuns() > 0);
            assertThat(count(store, "SELECT SUM(sample_count) FROM metric_rollup_minute WHERE service = 'orders'")).isEqualTo(2);
            assertThat(count(store, "SELECT SUM(sample_count) FROM metric_rollup_hour WHERE service = 'orders'")).isEqualTo(2);

            // a sample from 8 days ago (raw kept 7) and its rollup; a rollup from 100 days ago (rollups kept 90)
            store.write(new MetricSample("orders", "old", 1, now.minus(Duration.ofDays(8)), Map.of()));
            store.write(new MetricSample("orders", "ancient", 1, now.minus(Duration.ofDays(100)), Map.of()));
            store.flush();
            RollupJob rollups = new RollupJob(store, running.clock);
            rollups.rollUp(now.minus(Duration.ofDays(101)), now.minus(Duration.ofDays(7)));
            assertThat(count(store, "SELECT COUNT(*) FROM metric_rollup_minute WHERE metric IN ('old', 'ancient')")).isEqualTo(2);

            running.clock.advance(Duration.ofHours(1));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.loop().housekeeping().prunedRollups() > 0);
            assertThat(count(store, "SELECT COUNT(*) FROM metric_sample WHERE metric IN ('old', 'ancient')")).isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM metric_sample WHERE metric = 'latency.p95'")).isEqualTo(2);
            assertThat(count(store, "SELECT COUNT(*) FROM metric_rollup_minute WHERE metric = 'ancient'")).isZero();
            assertThat(count(store, "SELECT COUNT(*) FROM metric_rollup_minute WHERE metric = 'old'")).isEqualTo(1);
            assertThat(running.server.loop().housekeeping().deletedSamples()).isEqualTo(2);
        }
    }

    @Test
    void homeostatYamlSetsTheRetentionAndRefusesBadValuesWithTheirLine() throws IOException {
        Path file = Files.writeString(data.resolve("homeostat.yaml"),
                "retention:\n  raw_days: 3\n  rollup_days: 30\n  rollup_period: 5m\n");
        ServerConfig config = ServerConfigFile.apply(file, ServerConfig.defaults());
        assertThat(config.retention()).isEqualTo(new Retention(3, 30, Duration.ofHours(1), Duration.ofMinutes(5)));
        assertThat(ServerConfig.defaults().retention()).isEqualTo(Retention.defaults());

        Path shorter = Files.writeString(data.resolve("homeostat.yaml"), "retention:\n  raw_days: 30\n  rollup_days: 10\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(shorter, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("homeostat.yaml").hasMessageContaining(":3")
                .hasMessageContaining("rollup_days");
        Path unknown = Files.writeString(data.resolve("homeostat.yaml"), "retention:\n  raw_dayz: 3\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(unknown, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("raw_dayz").hasMessageContaining(":2");
    }
}
