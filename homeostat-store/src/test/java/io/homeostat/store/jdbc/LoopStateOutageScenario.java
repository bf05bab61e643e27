package io.homeostat.store.jdbc;

import static io.homeostat.store.jdbc.LoopStateWrites.WRITES_PER_INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control loop's writes for {@value #INCIDENTS} incidents ({@link LoopStateWrites}, 12 writes
 * each) made one after another on one thread, as the loop makes them, through a store whose
 * database sits behind a {@link TcpProxy}; the network is taken away while they are being made and
 * brought back, and every incident, timeline entry, diagnosis, run and step record is then found
 * exactly once, in its last state. During the cut the incidents written since are read back (from
 * the spool's pending state) and a claim fails: claims are never spooled.
 */
final class LoopStateOutageScenario {

    static final int INCIDENTS = 60;

    private LoopStateOutageScenario() {}

    /** Runs the scenario on a store opened with {@code config} (whose URL goes through {@code proxy}). */
    static LoopStateStats run(StoreConfig config, TcpProxy proxy) throws Exception {
        return run(config, proxy, proxy::cut);
    }

    /** As {@link #run(StoreConfig, TcpProxy)}, the network taken away by {@code takeAway} (a cut or a stall). */
    static LoopStateStats run(StoreConfig config, TcpProxy proxy, Runnable takeAway) throws Exception {
        try (JdbcStore store = JdbcStore.open(config, Scheduler.system())) {
            AtomicInteger done = new AtomicInteger();
            CountDownLatch cut = new CountDownLatch(1);
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                for (int k = 0; k < INCIDENTS; k++) {
                    if (k == 20) {
                        awaitCut(cut); // the cut comes somewhere in incidents 10 to 19, not after the last
                    }
                    LoopStateWrites.write(store.incidents(), store.diagnoses(), store.workflows(), k);
                    done.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= 10 || loop.isDone());

            takeAway.run(); // in the middle of the loop's writes
            cut.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> store.loopStateStats().spooledWrites()
                    >= 10 * WRITES_PER_INCIDENT || loop.isDone());
            assertThat(loop).as("the loop wrote on through the cut").isNotCompletedExceptionally();
            int seen = done.get();
            assertThat(store.loopStateStats().pendingWrites()).isPositive();
            LoopStateWrites.assertFound(store.incidents(), store.diagnoses(), store.workflows(), seen - 1);
            assertThatThrownBy(() -> store.workflows().claim("key-during-cut", "run-x"))
                    .as("a claim is never spooled").isInstanceOf(StoreUnavailableException.class);

            proxy.restore();
            loop.get(120, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(store::replayLoopState);

            LoopStateWrites.assertRowsExactlyOnce(store, INCIDENTS);
            for (int k = 0; k < INCIDENTS; k++) {
                LoopStateWrites.assertFound(store.incidents(), store.diagnoses(), store.workflows(), k);
            }
            LoopStateStats stats = store.loopStateStats();
            assertThat(stats.pendingWrites()).isZero();
            assertThat(stats.rejectedWrites()).isZero();
            assertThat(stats.refusedWrites()).isZero();
            assertThat(stats.replayedWrites()).isEqualTo(stats.spooledWrites()).isGreaterThanOrEqualTo(10L * WRITES_PER_INCIDENT);
            assertThat(stats.directWrites() + stats.spooledWrites()).isEqualTo((long) INCIDENTS * WRITES_PER_INCIDENT);
            assertThat(stats.failedAttempts()).isPositive();
            return stats;
        }
    }

    private static void awaitCut(CountDownLatch cut) {
        try {
            if (!cut.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the network was never cut");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
