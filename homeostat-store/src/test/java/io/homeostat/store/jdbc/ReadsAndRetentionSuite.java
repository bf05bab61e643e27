package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure statistics and raw-sample retention; run on H2 and on PostgreSQL by its subclasses. */
abstract class ReadsAndRetentionSuite {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at(T0);
    private JdbcStore store;
    private int ids;

    /** Where the store lives for one test. */
    abstract StoreConfig config(Path directory);

    /** Removes what {@link #config} made; nothing by default. */
    void cleanUp() {}

    @BeforeEach
    void open() {
        store = JdbcStore.open(config(directory), clock.scheduler());
    }

    @AfterEach
    void close() {
        try {
            store.close();
        } finally {
            cleanUp();
        }
    }

    private void fail(String service, String type, Instant time, int times) {
        for (int i = 0; i < times; i++) {
            store.write(FailureRecord.of("f-" + ids++, new FailureEvent(service, ErrorCategory.UNAVAILABLE, type, "",
                    time.plusMillis(i), Map.of()), Severity.MEDIUM));
        }
    }

    @Test
    void mostCommonFailureTypesAndServicesInTheRange() {
        fail("llm:openai", "http.503", T0, 5);
        fail("db:primary", "java.sql.SQLTransientConnectionException", T0.plusSeconds(60), 3);
        fail("llm:openai", "java.net.SocketTimeoutException", T0.plusSeconds(120), 1);
        fail("db:primary", "java.net.SocketTimeoutException", T0.minusSeconds(1), 10); // before the range
        store.flush();
        FailureStatistics stats = new FailureStatistics(store);
        Instant to = T0.plusSeconds(600);

        assertThat(stats.mostCommonTypes(T0, to, 10)).containsExactly(
                new CountedKey("http.503", 5, 0.5),
                new CountedKey("java.sql.SQLTransientConnectionException", 3, 0.3),
                new CountedKey("java.net.SocketTimeoutException", 1, 0.1));
        assertThat(stats.mostCommonTypes(T0, to, 1)).extracting(CountedKey::key).containsExactly("http.503");
        assertThat(stats.servicesByFailureRate(T0, to, 10)).containsExactly(
                new CountedKey("llm:openai", 6, 0.6), new CountedKey("db:primary", 3, 0.3));
        assertThat(stats.servicesByFailureRate(T0.minusSeconds(60), to, 1))
                .containsExactly(new CountedKey("db:primary", 13, 13 / 11.0));
    }

    @Test
    void errorTrendHasEveryBucketOfTheRange() {
        fail("a", "x", T0, 2);
        fail("a", "x", T0.plusSeconds(150), 1);
        fail("b", "y", T0.plusSeconds(240), 3);
        fail("b", "y", T0.plusSeconds(300), 4); // the range's end, excluded
        store.flush();
        FailureStatistics stats = new FailureStatistics(store);

        assertThat(stats.errorTrend(T0, T0.plusSeconds(300), Duration.ofMinutes(1)))
                .containsExactly(new TrendPoint(T0, 2), new TrendPoint(T0.plusSeconds(60), 0),
                        new TrendPoint(T0.plusSeconds(120), 1), new TrendPoint(T0.plusSeconds(180), 0),
                        new TrendPoint(T0.plusSeconds(240), 3));
        assertThatThrownBy(() -> stats.errorTrend(T0, T0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.errorTrend(T0, T0.plusSeconds(60), Duration.ofMillis(1500)))
                .hasMessageContaining("whole seconds");
    }

    @Test
    void retentionDeletesOnlyRawSamplesOlderThanItsWindowInSmallBatches() {
        for (int i = 0; i < 250; i++) {
            store.write(new MetricSample("db:primary", "latency.p95", i, T0.minus(Duration.ofDays(10)).plusSeconds(i), Map.of()));
        }
        for (int i = 0; i < 50; i++) {
            store.write(new MetricSample("db:primary", "latency.p95", i, T0.minus(Duration.ofDays(1)).plusSeconds(i), Map.of()));
        }
        fail("db:primary", "x", T0.minus(Duration.ofDays(30)), 2);
        store.flush();
        // a clock of the job's own: advancing the store's clock by days would run the writer's 1 s tick for each second
        ManualClock jobClock = ManualClock.at(T0);
        RetentionJob job = new RetentionJob(store, new RetentionConfig(Duration.ofDays(7), 100, Duration.ofHours(1)), jobClock);

        assertThat(job.runOnce()).isEqualTo(250);
        assertThat(job.runOnce()).isZero();

        assertThat(TestDatabases.count(store, "metric_sample")).isEqualTo(50);
        assertThat(TestDatabases.count(store, "failure_event")).as("only raw samples expire").isEqualTo(2);
        assertThat(job.deletedSamples()).isEqualTo(250);

        job.schedule(jobClock.scheduler());
        jobClock.advance(Duration.ofDays(5).plusHours(1)); // the day-old samples are 6 days old: kept
        assertThat(TestDatabases.count(store, "metric_sample")).isEqualTo(50);
        jobClock.advance(Duration.ofDays(1));
        assertThat(TestDatabases.count(store, "metric_sample")).as("scheduled runs expire them").isZero();
    }

    @Test
    void rollupsSummariseEachMinuteAndHourAndARerunReplacesThem() throws java.sql.SQLException {
        store.write(new MetricSample("db:primary", "latency.p95", 1, T0.plusSeconds(10), Map.of()));
        store.write(new MetricSample("db:primary", "latency.p95", 3, T0.plusSeconds(20), Map.of()));
        store.write(new MetricSample("db:primary", "latency.p95", 5, T0.plusSeconds(70), Map.of()));
        store.write(new MetricSample("llm:openai", "errors", 2, T0.plusSeconds(3_599), Map.of()));
        store.write(new MetricSample("llm:openai", "errors", 7, T0.plusSeconds(3_600), Map.of())); // next hour
        store.flush();
        RollupJob job = new RollupJob(store, clock);

        assertThat(job.rollUp(T0, T0.plusSeconds(3_601))).isEqualTo(4);

        assertThat(rows("metric_rollup_minute")).containsExactly(
                "db:primary|latency.p95|" + T0 + "|2|4.0|1.0|3.0",
                "db:primary|latency.p95|" + T0.plusSeconds(60) + "|1|5.0|5.0|5.0",
                "llm:openai|errors|" + T0.plusSeconds(3_540) + "|1|2.0|2.0|2.0",
                "llm:openai|errors|" + T0.plusSeconds(3_600) + "|1|7.0|7.0|7.0");
        assertThat(rows("metric_rollup_hour")).containsExactly(
                "db:primary|latency.p95|" + T0 + "|3|9.0|1.0|5.0",
                "llm:openai|errors|" + T0 + "|1|2.0|2.0|2.0",
                "llm:openai|errors|" + T0.plusSeconds(3_600) + "|1|7.0|7.0|7.0");

        store.write(new MetricSample("db:primary", "latency.p95", -1, T0.plusSeconds(30), Map.of())); // late
        store.flush();
        job.rollUp(T0, T0.plusSeconds(60));

        assertThat(rows("metric_rollup_minute")).hasSize(4).contains("db:primary|latency.p95|" + T0 + "|3|3.0|-1.0|3.0");
        assertThat(rows("metric_rollup_hour")).contains("db:primary|latency.p95|" + T0 + "|4|8.0|-1.0|5.0");
    }

    @Test
    void pruningDropsRollupsOlderThanTheCutoffOnly() throws java.sql.SQLException {
        store.write(new MetricSample("db:primary", "latency.p95", 1, T0.plusSeconds(10), Map.of()));
        store.write(new MetricSample("db:primary", "latency.p95", 2, T0.plusSeconds(7_210), Map.of()));
        store.flush();
        RollupJob job = new RollupJob(store, clock);
        job.rollUp(T0, T0.plusSeconds(7_300));
        assertThat(rows("metric_rollup_minute")).hasSize(2);
        assertThat(rows("metric_rollup_hour")).hasSize(2);

        assertThat(job.prune(T0.plusSeconds(3_600))).isEqualTo(2);

        assertThat(rows("metric_rollup_minute")).containsExactly("db:primary|latency.p95|" + T0.plusSeconds(7_200) + "|1|2.0|2.0|2.0");
        assertThat(rows("metric_rollup_hour")).containsExactly("db:primary|latency.p95|" + T0.plusSeconds(7_200) + "|1|2.0|2.0|2.0");
        assertThat(job.prune(T0.plusSeconds(3_600))).isZero();
    }

    private java.util.List<String> rows(String table) throws java.sql.SQLException {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (var c = store.dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT service, metric, bucket_start, sample_count, value_sum, value_min, value_max FROM "
                        + table + " ORDER BY service, metric, bucket_start")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|"
                        + rs.getObject(3, java.time.OffsetDateTime.class).toInstant() + "|" + rs.getLong(4) + "|"
                        + rs.getDouble(5) + "|" + rs.getDouble(6) + "|" + rs.getDouble(7));
            }
        }
        return rows;
    }

    @Test
    void metricSeriesReadsASeriesSamplesAndItsMinutes() {
        store.write(new MetricSample("db:primary", "latency.p95", 1, T0.plusSeconds(10), Map.of()));
        store.write(new MetricSample("db:primary", "latency.p95", 3, T0.plusSeconds(20), Map.of()));
        store.write(new MetricSample("db:primary", "latency.p95", 5, T0.plusSeconds(70), Map.of()));
        store.write(new MetricSample("db:primary", "latency.p95", 9, T0.plusSeconds(300), Map.of())); // the range's end
        store.write(new MetricSample("db:primary", "latency.p95", 8, T0.minusSeconds(1), Map.of())); // before it
        store.write(new MetricSample("db:primary", "error.rate", 0.5, T0.plusSeconds(15), Map.of()));
        store.write(new MetricSample("llm:openai", "latency.p95", 100, T0.plusSeconds(15), Map.of()));
        store.flush();
        MetricSeries series = new MetricSeries(store);
        Instant to = T0.plusSeconds(300);

        assertThat(series.metrics("db:primary", T0, to)).containsExactly("error.rate", "latency.p95");
        assertThat(series.metrics("nowhere", T0, to)).isEmpty();
        assertThat(series.samples("db:primary", "latency.p95", T0, to, 100)).containsExactly(
                new MetricPoint(T0.plusSeconds(10), 1), new MetricPoint(T0.plusSeconds(20), 3),
                new MetricPoint(T0.plusSeconds(70), 5));
        assertThat(series.samples("db:primary", "latency.p95", T0, to, 2)).as("the newest ones").containsExactly(
                new MetricPoint(T0.plusSeconds(20), 3), new MetricPoint(T0.plusSeconds(70), 5));
        assertThat(series.perMinute("db:primary", "latency.p95", T0, to)).containsExactly(
                new MetricBucket(T0, 2, 2.0, 1.0, 3.0), new MetricBucket(T0.plusSeconds(60), 1, 5.0, 5.0, 5.0));
        assertThat(series.perMinute("db:primary", "nothing", T0, to)).isEmpty();
        assertThatThrownBy(() -> series.samples("db:primary", "latency.p95", T0, to, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> series.perMinute("db:primary", "latency.p95", to, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionRejectsWindowsItCannotKeep() {
        assertThatThrownBy(() -> RetentionConfig.defaults().keepingDays(0)).hasMessageContaining("keepRawSamples");
        assertThatThrownBy(() -> new RetentionConfig(Duration.ofDays(1), 0, Duration.ofHours(1)))
                .hasMessageContaining("deleteBatchSize");
        assertThat(RetentionConfig.defaults().keepRawSamples()).isEqualTo(Duration.ofDays(7));
    }
}
