package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.StoreUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network to PostgreSQL silently loses every packet (no reset, no answer) in the middle of
 * 10,000 batched writes, or of the control loop's writes, and comes back: the socket timeout gives
 * up the connections waiting for an answer, so writes spool instead of hanging until TCP gives up.
 * The loop's writes do not even wait out a long socket timeout (their own deadline is seconds), nor
 * does a read (its deadline is half a minute).
 * Opening the store while the network is so fails instead of waiting forever.
 */
class PostgresSilentOutageTest {

    @TempDir
    Path spool;

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final String schema = TestDatabases.newSchemaName("silent");

    @AfterEach
    void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    private static TcpProxy proxy() throws IOException {
        URI pg = TestDatabases.postgresAddress();
        return new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort());
    }

    /** The test's store on PostgreSQL through {@code proxy}, quick to give up a connection. */
    private StoreConfig through(TcpProxy proxy) {
        return TestDatabases.postgres(schema, spool)
                .withJdbc(TestDatabases.postgresUrlThrough(proxy.port()), TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)
                .withConnectTimeout(Duration.ofMillis(500))
                .withSocketTimeout(Duration.ofSeconds(1));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // fails, not hangs, if the store waits forever
    void everyRecordArrivesExactlyOnceAfterTheNetworkLosesItsPackets() throws Exception {
        try (TcpProxy proxy = proxy()) {
            StoreConfig config = through(proxy);

            WriterStats stats = OutageScenario.run(config, proxy, proxy::stall);

            assertThat(stats.spooledRecords()).isGreaterThanOrEqualTo(1_000);
            assertThat(stats.failedAttempts()).isPositive();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyLoopStateWriteArrivesExactlyOnceAfterTheNetworkLosesItsPackets() throws Exception {
        try (TcpProxy proxy = proxy()) {
            StoreConfig config = through(proxy);

            LoopStateStats stats = LoopStateOutageScenario.run(config, proxy, proxy::stall);

            assertThat(stats.spooledWrites()).isPositive();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theLoopsWritesWaitForTheirDeadlineNotForAFiveMinuteSocketTimeout() throws Exception {
        try (TcpProxy proxy = proxy()) {
            // The default socket timeout: a loop write that waited for it would hold the scenario's loop 5 min.
            StoreConfig config = through(proxy).withSocketTimeout(StoreConfig.defaults().socketTimeout());

            LoopStateStats stats = LoopStateOutageScenario.run(config, proxy, proxy::stall);

            assertThat(stats.spooledWrites()).isPositive();
            assertThat(JdbcStore.LOOP_WRITE_DEADLINE).isLessThan(StoreConfig.defaults().socketTimeout());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aReadWaitsForTheStatementDeadlineNotForAFiveMinuteSocketTimeout() throws Exception {
        try (TcpProxy proxy = proxy()) {
            StoreConfig config = through(proxy).withSocketTimeout(StoreConfig.defaults().socketTimeout());
            try (JdbcStore store = JdbcStore.open(config, Scheduler.system())) {
                // The pool hands this thread the connection it just used back without checking it first.
                assertThat(store.incidents().list(IncidentQuery.all())).isEmpty();
                proxy.stall();

                assertThatThrownBy(() -> store.incidents().list(IncidentQuery.all()))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThat(JdbcStore.STATEMENT_DEADLINE).isLessThan(StoreConfig.defaults().socketTimeout());
                proxy.restore();
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closingGivesUpAWriteTheDatabaseDoesNotAnswerAndSpoolsItInsteadOfWaitingFiveMinutes() throws Exception {
        try (TcpProxy proxy = proxy()) {
            StoreConfig config = through(proxy).withSocketTimeout(StoreConfig.defaults().socketTimeout());
            Clock clock = Clock.system();
            JdbcStore store = JdbcStore.open(config, Scheduler.system());
            for (int i = 0; i < 100; i++) {
                store.write(new MetricSample("db:primary", "latency.p95", i, T0.plusMillis(i), Map.of()));
            }
            store.flush();
            proxy.stall();
            for (int i = 100; i < 600; i++) {
                store.write(new MetricSample("db:primary", "latency.p95", i, T0.plusMillis(i), Map.of()));
            }
            // The writer has taken some of them and waits on the stalled database; how many it took
            // depends on when it woke (all 500 on a quiet machine), the rest wait in its queue.
            await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().queuedRecords() < 500);

            long begin = clock.monotonicNanos();
            store.close();
            Duration closing = Duration.ofNanos(clock.monotonicNanos() - begin);

            assertThat(closing).isLessThan(JdbcStore.CLOSE_PATIENCE.multipliedBy(3));
            assertThat(store.stats().droppedRecords()).isZero();
            assertThat(store.stats().writtenRecords() + store.stats().spooledRecords()).isEqualTo(600);
            proxy.restore();
            try (JdbcStore again = JdbcStore.open(config, Scheduler.system())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> again.stats().spool().pendingEntries() == 0);
                again.flush();
                assertThat(TestDatabases.count(again, "metric_sample")).isEqualTo(600);
            }
        }
    }

    @Test
    // The first login waits at most JdbcStore.OPENING_LOGIN_TIMEOUT (10 s); without it, forever.
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void openingOverASilentNetworkFailsInsteadOfWaitingForever() throws Exception {
        try (TcpProxy proxy = proxy()) {
            StoreConfig config = through(proxy);
            proxy.stall();

            assertThatThrownBy(() -> JdbcStore.open(config, Scheduler.system()).close())
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot create schema " + schema);
            assertThat(proxy.acceptedConnections()).isPositive();
        }
    }
}
