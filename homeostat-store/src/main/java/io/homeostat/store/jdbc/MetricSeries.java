package io.homeostat.store.jdbc;

import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Metric time series for the dashboard's per-service charts, read from the raw samples
 * ({@code metric_sample}, kept as long as {@link RetentionConfig#keepRawSamples()}): a service's
 * metric names, a series' samples, and its 1-minute rollups computed from those samples (so they
 * are current without waiting for the {@link RollupJob}). Every range is {@code [from, to)}; only
 * samples the writer has flushed are seen. Thread-safe; each call reads on a pooled connection.
 */
public final class MetricSeries {

    /** The most samples {@link #samples} returns. */
    public static final int MAX_SAMPLES = 10_000;

    private final JdbcStore store;

    /** Reads from {@code store}'s database. */
    public MetricSeries(JdbcStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The names of the metrics {@code service} has samples of in the range, in string order.
     *
     * @throws IllegalArgumentException if the range is empty or reversed
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<String> metrics(String service, Instant from, Instant to) {
        Objects.requireNonNull(service, "service");
        requireRange(from, to);
        String sql = "SELECT DISTINCT metric FROM metric_sample WHERE service = ? AND sampled_at >= ? AND sampled_at < ? "
                + "ORDER BY metric";
        List<String> names = new ArrayList<>();
        read(sql, "the metrics of " + service, rs -> names.add(rs.getString(1)), service, from, to);
        return List.copyOf(names);
    }

    /**
     * The series' samples in the range, oldest first; when there are more than {@code limit}, the
     * newest {@code limit} of them.
     *
     * @throws IllegalArgumentException if the range is empty or reversed, or {@code limit} is not
     *     in [1, {@value #MAX_SAMPLES}]
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<MetricPoint> samples(String service, String metric, Instant from, Instant to, int limit) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(metric, "metric");
        requireRange(from, to);
        if (limit < 1 || limit > MAX_SAMPLES) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_SAMPLES + "], was " + limit);
        }
        String sql = "SELECT sampled_at, sample_value FROM metric_sample WHERE service = ? AND metric = ? "
                + "AND sampled_at >= ? AND sampled_at < ? ORDER BY sampled_at DESC, id DESC LIMIT " + limit;
        List<MetricPoint> points = new ArrayList<>();
        read(sql, "the samples of " + service + "/" + metric,
                rs -> points.add(new MetricPoint(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2))),
                service, metric, from, to);
        Collections.reverse(points);
        return List.copyOf(points);
    }

    /**
     * The series' samples in the range rolled up per minute (aligned to the epoch), oldest first;
     * minutes without samples are left out.
     *
     * @throws IllegalArgumentException if the range is empty or reversed
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<MetricBucket> perMinute(String service, String metric, Instant from, Instant to) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(metric, "metric");
        requireRange(from, to);
        String minute = "FLOOR(EXTRACT(EPOCH FROM sampled_at) / 60)";
        String sql = "SELECT " + minute + " AS b, COUNT(*), SUM(sample_value), MIN(sample_value), MAX(sample_value) "
                + "FROM metric_sample WHERE service = ? AND metric = ? AND sampled_at >= ? AND sampled_at < ? "
                + "GROUP BY " + minute + " ORDER BY b";
        List<MetricBucket> buckets = new ArrayList<>();
        read(sql, "the minutes of " + service + "/" + metric, rs -> {
            long count = rs.getLong(2);
            buckets.add(new MetricBucket(Instant.ofEpochSecond(rs.getLong(1) * 60), count, rs.getDouble(3) / count,
                    rs.getDouble(4), rs.getDouble(5)));
        }, service, metric, from, to);
        return List.copyOf(buckets);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void read(String sql, String what, Row row, Object... values) {
        try (Connection c = store.answers().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i] instanceof Instant at ? Wire.sqlTime(at) : values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static void requireRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("range must not be empty: from " + from + " to " + to);
        }
    }
}
