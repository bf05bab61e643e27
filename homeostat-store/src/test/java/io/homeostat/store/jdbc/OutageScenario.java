package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Writes 10,000 records (failure events, metric samples, audit records, alert events in turn) through a store
 * whose database sits behind a {@link TcpProxy}; takes the network away while batches are being
 * written, brings it back, and expects every record exactly once.
 */
final class OutageScenario {

    static final int RECORDS = 10_000;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private OutageScenario() {}

    /** Runs the scenario on a store opened with {@code config} (whose URL goes through {@code proxy}), cutting the connections. */
    static WriterStats run(StoreConfig config, TcpProxy proxy) {
        return run(config, proxy, proxy::cut);
    }

    /** Runs the scenario, taking the network away with {@code takeAway} and giving it back with {@code proxy.restore()}. */
    static WriterStats run(StoreConfig config, TcpProxy proxy, Runnable takeAway) {
        try (JdbcStore store = JdbcStore.open(config, Scheduler.system())) {
            int i = 0;
            for (; i < 4_000; i++) {
                write(store, i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> store.stats().writtenRecords() >= 1_000);

            takeAway.run(); // in the middle of writing: records are queued, batches in flight
            for (; i < 7_000; i++) {
                write(store, i); // never blocks on the database
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> store.stats().spooledRecords() >= 1_000);
            assertThat(store.stats().spool().pendingEntries()).isPositive();

            proxy.restore();
            for (; i < RECORDS; i++) {
                write(store, i);
            }
            store.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> store.stats().spool().pendingEntries() == 0
                    && store.stats().writtenRecords() == RECORDS);
            store.flush();

            long failures = TestDatabases.count(store, "failure_event");
            long samples = TestDatabases.count(store, "metric_sample");
            long audits = TestDatabases.count(store, "audit_record");
            long alertEvents = TestDatabases.count(store, "alert_event");
            assertThat(failures + samples + audits + alertEvents).isEqualTo(RECORDS);
            assertThat(failures).isEqualTo(2_500);
            assertThat(samples).isEqualTo(2_500);
            assertThat(audits).isEqualTo(2_500);
            assertThat(alertEvents).isEqualTo(2_500);
            assertThat(store.alerts().history("alert-3")).singleElement()
                    .satisfies(event -> assertThat(event.detail()).isEqualTo("event 3"));
            WriterStats stats = store.stats();
            assertThat(stats.droppedRecords()).isZero();
            assertThat(stats.rejectedRecords()).isZero();
            assertThat(stats.replayedRecords()).isEqualTo(stats.spooledRecords()).isPositive();
            assertThat(stats.failedAttempts()).isPositive();
            return stats;
        }
    }

    private static void write(JdbcStore store, int i) {
        Instant time = T0.plusMillis(i);
        switch (i % 4) {
            case 0 -> store.write(FailureRecord.of("f-" + i,
                    new FailureEvent("llm:openai", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException",
                            "read timed out", time, Map.of("attempt", "1")), Severity.HIGH));
            case 1 -> store.write(new MetricSample("db:primary", "latency.p95", i * 0.5, time, Map.of()));
            case 2 -> store.auditLog().append(AuditRecord.of("a-" + i, time, "planner", "workflow.start",
                    "llm:openai", "record " + i, Map.of("i", Integer.toString(i))));
            default -> store.alerts().append(new AlertEvent("alert-" + i, AlertEvent.Kind.FIRED, time, AlertEvent.SYSTEM,
                    "inc-" + i, Map.of("service", "llm:openai"), "event " + i));
        }
    }
}
