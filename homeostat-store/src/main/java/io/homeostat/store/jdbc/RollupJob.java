package io.homeostat.store.jdbc;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Rolls raw metric samples up into 1-minute rows ({@code metric_rollup_minute}: count, sum, min,
 * max per series and minute) and those into 1-hour rows ({@code metric_rollup_hour}). Each run
 * recomputes whole buckets from their source and replaces them, so runs are idempotent and late
 * samples are picked up by the next run that covers their bucket. Buckets are aligned to the
 * epoch (UTC). Thread-safe; runs are not meant to overlap.
 */
public final class RollupJob {

    private static final System.Logger LOG = System.getLogger(RollupJob.class.getName());
    /** How far back each scheduled run recomputes: the last two hours. */
    private static final Duration LOOKBACK = Duration.ofHours(2);

    private final JdbcStore store;
    private final Clock clock;
    private final String minuteSql;
    private final String hourSql;

    public RollupJob(JdbcStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minuteSql = upsert(store.dialect(), "metric_rollup_minute", 60,
                "SELECT service, metric, FLOOR(EXTRACT(EPOCH FROM sampled_at) / 60) AS b, COUNT(*) AS n, "
                        + "SUM(sample_value) AS s, MIN(sample_value) AS lo, MAX(sample_value) AS hi FROM metric_sample "
                        + "WHERE sampled_at >= ? AND sampled_at < ? GROUP BY service, metric, FLOOR(EXTRACT(EPOCH FROM sampled_at) / 60)");
        this.hourSql = upsert(store.dialect(), "metric_rollup_hour", 3600,
                "SELECT service, metric, FLOOR(EXTRACT(EPOCH FROM bucket_start) / 3600) AS b, SUM(sample_count) AS n, "
                        + "SUM(value_sum) AS s, MIN(value_min) AS lo, MAX(value_max) AS hi FROM metric_rollup_minute "
                        + "WHERE bucket_start >= ? AND bucket_start < ? GROUP BY service, metric, FLOOR(EXTRACT(EPOCH FROM bucket_start) / 3600)");
    }

    /**
     * Recomputes the minute buckets in {@code [from, to)} (widened to whole minutes) from raw
     * samples, then the hour buckets they fall in from the minute rows; returns the minute rows written.
     *
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     * @throws StoreUnavailableException if the database fails
     */
    public int rollUp(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
        Instant minuteFrom = from.truncatedTo(ChronoUnit.MINUTES);
        Instant minuteTo = ceil(to, 60);
        Instant hourFrom = from.truncatedTo(ChronoUnit.HOURS);
        Instant hourTo = ceil(to, 3600);
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            int minutes = run(c, minuteSql, minuteFrom, minuteTo);
            run(c, hourSql, hourFrom, hourTo);
            c.commit();
            return minutes;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot roll up metric samples", e);
        }
    }

    /**
     * Deletes the minute and hour rollups whose bucket starts before {@code before} (rollups are
     * usually kept longer than raw samples); returns how many rows went.
     *
     * @throws StoreUnavailableException if the database fails
     */
    public int prune(Instant before) {
        Objects.requireNonNull(before, "before");
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(true);
            int deleted = 0;
            for (String table : new String[] {"metric_rollup_minute", "metric_rollup_hour"}) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE bucket_start < ?")) {
                    s.setObject(1, Wire.sqlTime(before));
                    deleted += s.executeUpdate();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot prune metric rollups", e);
        }
    }

    /** Rolls up the last two hours, up to now. */
    public int runOnce() {
        Instant now = clock.instant();
        return rollUp(now.minus(LOOKBACK), now);
    }

    /** Runs {@link #runOnce()} every {@code period} on {@code scheduler}; a failed run is logged and retried next period. */
    public Cancellable schedule(Scheduler scheduler, Duration period) {
        return scheduler.scheduleAtFixedRate(period, period, () -> {
            try {
                runOnce();
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "metric rollup failed; retrying next period", e);
            }
        });
    }

    private static int run(Connection c, String sql, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Wire.sqlTime(from));
            s.setObject(2, Wire.sqlTime(to));
            return s.executeUpdate();
        }
    }

    private static Instant ceil(Instant t, long seconds) {
        long floor = Math.floorDiv(t.getEpochSecond(), seconds) * seconds;
        return floor == t.getEpochSecond() && t.getNano() == 0 ? t : Instant.ofEpochSecond(floor + seconds);
    }

    private static String upsert(Dialect dialect, String table, int width, String grouped) {
        String columns = "service, metric, bucket_start, sample_count, value_sum, value_min, value_max";
        return switch (dialect) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") SELECT service, metric, to_timestamp(b * "
                    + width + "), n, s, lo, hi FROM (" + grouped + ") g ON CONFLICT (service, metric, bucket_start) "
                    + "DO UPDATE SET sample_count = EXCLUDED.sample_count, value_sum = EXCLUDED.value_sum, "
                    + "value_min = EXCLUDED.value_min, value_max = EXCLUDED.value_max";
            case H2 -> "MERGE INTO " + table + " (" + columns + ") KEY (service, metric, bucket_start) "
                    + "SELECT service, metric, DATEADD(SECOND, CAST(b * " + width + " AS BIGINT), "
                    + "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00'), n, s, lo, hi FROM (" + grouped + ") g";
        };
    }
}
