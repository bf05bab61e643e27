package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AuditRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batching writer on H2, with time in the test's hands. */
class BatchedWritesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at(T0);
    private JdbcStore store;

    @BeforeEach
    void open() {
        store = JdbcStore.open(TestDatabases.h2(directory), clock.scheduler());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static MetricSample sample(int i) {
        return new MetricSample("db:primary", "latency.p95", i, T0.plusMillis(i), Map.of());
    }

    private static FailureRecord failure(String id) {
        return FailureRecord.of(id, new FailureEvent("llm:openai", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException",
                "read timed out", T0, Map.of()), Severity.HIGH);
    }

    @Test
    void aFullBatchIsWrittenAtOnceAndTheRestWhenTheIntervalHasPassed() {
        for (int i = 0; i < 100; i++) {
            store.write(sample(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().writtenRecords() == 100);
        for (int i = 100; i < 150; i++) {
            store.write(sample(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().queuedRecords() == 0);
        assertThat(TestDatabases.count(store, "metric_sample")).as("50 wait for the interval").isEqualTo(100);
        assertThat(store.stats().writtenRecords()).isEqualTo(100);

        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().writtenRecords() == 150);
        assertThat(TestDatabases.count(store, "metric_sample")).isEqualTo(150);
        assertThat(store.stats().submittedRecords()).isEqualTo(150);
        assertThat(store.stats().spooledRecords()).isZero();
    }

    @Test
    void aBacklogOfMoreBatchesThanOneTransactionTakesIsWrittenWhole() {
        for (int i = 0; i < 2_500; i++) {
            store.write(sample(i));
        }
        store.flush();

        assertThat(TestDatabases.count(store, "metric_sample")).isEqualTo(2_500);
        assertThat(store.stats().writtenRecords()).isEqualTo(2_500);
    }

    @Test
    void manyThreadsWritingAtOnceLoseNothing() throws InterruptedException {
        int threads = 8;
        int each = 2_000;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    if (i % 2 == 0) {
                        store.write(sample(i));
                    } else {
                        store.write(failure("t" + thread + "-" + i));
                    }
                }
            }));
        }
        start.countDown();
        for (Thread w : writers) {
            w.join();
        }
        store.flush();

        assertThat(TestDatabases.count(store, "metric_sample")).isEqualTo(threads * each / 2);
        assertThat(TestDatabases.count(store, "failure_event")).isEqualTo(threads * each / 2);
        assertThat(store.stats().submittedRecords()).isEqualTo(threads * each);
        assertThat(store.stats().writtenRecords()).isEqualTo(threads * each);
    }

    @Test
    void anIdWrittenTwiceIsStoredOnce() {
        store.write(failure("f-1"));
        store.write(failure("f-1"));
        store.flush();
        store.write(failure("f-1"));
        store.write(failure("f-2"));
        store.flush();

        assertThat(TestDatabases.count(store, "failure_event")).isEqualTo(2);
    }

    @Test
    void aReplayedBatchInsertsNothingTwice() {
        List<Pending> batch = new ArrayList<>();
        batch.add(new Pending(FailureTable.INSTANCE, failure("f-9")));
        batch.add(new Pending(MetricTable.INSTANCE, new MetricRow("m-9", sample(9))));
        batch.add(new Pending(AuditTable.INSTANCE, AuditRecord.of("a-9", T0, "planner", "x", "t", "", Map.of())));
        BatchSink sink = new BatchSink(store.dataSource(), Dialect.H2);

        assertThat(sink.write(batch)).isTrue();
        assertThat(sink.write(batch)).as("the same batch again, as after a commit whose answer was lost").isTrue();

        assertThat(TestDatabases.count(store, "failure_event")).isEqualTo(1);
        assertThat(TestDatabases.count(store, "metric_sample")).isEqualTo(1);
        assertThat(TestDatabases.count(store, "audit_record")).isEqualTo(1);
        assertThat(sink.rejected()).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesIsCountedAndTheRestOfItsBatchIsWritten() {
        FailureEvent tooLong = new FailureEvent("s".repeat(300), ErrorCategory.UNKNOWN, "x", "", T0, Map.of());
        store.write(failure("f-1"));
        store.write(FailureRecord.of("f-bad", tooLong, Severity.LOW));
        store.write(failure("f-2"));
        store.flush();

        assertThat(TestDatabases.count(store, "failure_event")).isEqualTo(2);
        assertThat(store.stats().rejectedRecords()).isEqualTo(1);
        assertThat(store.stats().spooledRecords()).isZero();
    }

    @Test
    void aFailureEventKeepsWhatTheStoreWasTold() throws SQLException {
        FailureEvent event = new FailureEvent("llm:openai", ErrorCategory.RATE_LIMIT, "http.429", "slow down",
                T0.plusMillis(250), Map.of("region", "eu"));
        store.write(new FailureRecord("f-7", event, Severity.CRITICAL, "health", "trace", "user-1", "req-2"));
        store.flush();

        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT service, category, error_type, severity, message, stack_trace, "
                        + "context, detection_method, user_id, request_id, occurred_at, resolved FROM failure_event")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))
                    .containsExactly("llm:openai", "rate_limit", "http.429", "critical", "slow down", "trace",
                            "{\"region\":\"eu\"}", "health", "user-1", "req-2");
            assertThat(rs.getObject(11, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusMillis(250));
            assertThat(rs.getBoolean(12)).isFalse();
        }
    }

    @Test
    void whatWasSpooledBeforeARestartIsReplayedAfterIt() {
        List<Pending> batch = List.of(new Pending(FailureTable.INSTANCE, failure("f-spooled")));
        store.close();
        try (var spool = io.homeostat.store.spool.Spool.open(directory.resolve("spool"), 1 << 20)) {
            spool.append(BatchCodec.encode(batch)); // as a run that lost its database left it
        }
        store = JdbcStore.open(TestDatabases.h2(directory), clock.scheduler());

        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().replayedRecords() == 1);
        assertThat(TestDatabases.count(store, "failure_event")).isEqualTo(1);
        assertThat(store.stats().spool().pendingEntries()).isZero();
    }
}
