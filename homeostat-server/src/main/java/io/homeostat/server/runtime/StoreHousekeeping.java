package io.homeostat.server.runtime;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.RetentionConfig;
import io.homeostat.store.jdbc.RetentionJob;
import io.homeostat.store.jdbc.RollupJob;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the store's rollup tables ({@link RollupJob}) and prunes raw samples ({@link RetentionJob})
 * and old rollups, on the periods of a {@link Retention}. The scheduler only hands each run to one
 * worker thread of its own ({@code homeostat-housekeeping}), so a long delete neither holds up the
 * loop's ticks nor a request; runs never overlap, and a run still queued is not queued twice. A
 * failed run is logged and the next period tries again. Thread-safe.
 */
public final class StoreHousekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHousekeeping.class);
    private static final int DELETE_BATCH = 1_000;

    private final Scheduler scheduler;
    private final Retention retention;
    private final RetentionJob raw;
    private final RollupJob rollups;
    private final ExecutorService worker;
    private final AtomicBoolean rollupQueued = new AtomicBoolean();
    private final AtomicBoolean pruneQueued = new AtomicBoolean();
    private final AtomicLong rollupRuns = new AtomicLong();
    private final AtomicLong prunedRollups = new AtomicLong();
    private final Cancellable rolling;
    private final Cancellable pruning;

    /** Starts the timers. */
    StoreHousekeeping(JdbcStore store, Retention retention, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.retention = retention;
        this.raw = new RetentionJob(store,
                new RetentionConfig(Duration.ofDays(retention.rawDays()), DELETE_BATCH, retention.period()), scheduler.clock());
        this.rollups = new RollupJob(store, scheduler.clock());
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "homeostat-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        this.rolling = scheduler.scheduleAtFixedRate(retention.rollupPeriod(), retention.rollupPeriod(),
                () -> hand(rollupQueued, this::rollUp));
        this.pruning = scheduler.scheduleAtFixedRate(retention.period(), retention.period(),
                () -> hand(pruneQueued, this::prune));
    }

    private void hand(AtomicBoolean queued, Runnable run) {
        if (!queued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                queued.set(false);
                run.run();
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            queued.set(false);
        }
    }

    private void rollUp() {
        try {
            rollups.runOnce();
            rollupRuns.incrementAndGet();
        } catch (StoreUnavailableException e) {
            LOG.warn("metric rollup failed; retrying next period", e);
        }
    }

    private void prune() {
        try {
            raw.runOnce();
            prunedRollups.addAndGet(rollups.prune(scheduler.clock().instant().minus(Duration.ofDays(retention.rollupDays()))));
        } catch (StoreUnavailableException e) {
            LOG.warn("metric retention failed; retrying next period", e);
        }
    }

    /** The periods and days in use. */
    public Retention retention() {
        return retention;
    }

    /** Rollup runs that completed. */
    public long rollupRuns() {
        return rollupRuns.get();
    }

    /** Raw samples deleted for being older than the retention. */
    public long deletedSamples() {
        return raw.deletedSamples();
    }

    /** Rollup rows deleted for being older than the rollups' retention. */
    public long prunedRollups() {
        return prunedRollups.get();
    }

    /** Stops the timers and waits up to 30 s for a run in progress (the store is still open). */
    @Override
    public void close() {
        rolling.cancel();
        pruning.cancel();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a housekeeping run did not finish within 30 s; closing the store anyway");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
