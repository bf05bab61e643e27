package io.homeostat.store.jdbc;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes raw metric samples older than the retention, a small batch per transaction (by the
 * time index), so the batching writer's inserts never wait behind one long delete. Rollups, the
 * audit trail and everything else are left alone. Thread-safe; runs are not meant to overlap
 * (the scheduler's single timer thread ensures it).
 */
public final class RetentionJob {

    private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());

    private final JdbcStore store;
    private final RetentionConfig config;
    private final Clock clock;
    private final AtomicLong deleted = new AtomicLong();

    public RetentionJob(JdbcStore store, RetentionConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Deletes every raw sample older than now minus the retention, in batches; returns how many.
     *
     * @throws StoreUnavailableException if the database fails (what was deleted stays deleted)
     */
    public long runOnce() {
        Instant cutoff = clock.instant().minus(config.keepRawSamples());
        String sql = "DELETE FROM metric_sample WHERE id IN (SELECT id FROM metric_sample WHERE sampled_at < ? "
                + "FETCH FIRST ? ROWS ONLY)";
        long total = 0;
        try (Connection c = store.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true); // each batch commits on its own: short locks only
            while (true) {
                s.setObject(1, Wire.sqlTime(cutoff));
                s.setInt(2, config.deleteBatchSize());
                int n = s.executeUpdate();
                total += n;
                if (n < config.deleteBatchSize()) {
                    break;
                }
            }
        } catch (SQLException e) {
            deleted.addAndGet(total);
            throw new StoreUnavailableException("retention stopped after deleting " + total + " raw samples", e);
        }
        deleted.addAndGet(total);
        return total;
    }

    /** Runs the job every {@code config.period()} on {@code scheduler}; a failed run is logged and the next one tries again. */
    public Cancellable schedule(Scheduler scheduler) {
        return scheduler.scheduleAtFixedRate(config.period(), config.period(), () -> {
            try {
                runOnce();
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "raw sample retention failed; retrying next period", e);
            }
        });
    }

    /** Raw samples deleted since this job was made. */
    public long deletedSamples() {
        return deleted.get();
    }
}
