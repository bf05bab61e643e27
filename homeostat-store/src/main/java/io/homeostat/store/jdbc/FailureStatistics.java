package io.homeostat.store.jdbc;

import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Failure patterns for the API and dashboard, read from {@code failure_event}: the most common
 * failure types, the services that fail most, and the error trend per time bucket. Every range is
 * {@code [from, to)}. Thread-safe; each call reads on a pooled connection.
 */
public final class FailureStatistics {

    private final JdbcStore store;

    /** Reads from {@code store}'s database. */
    public FailureStatistics(JdbcStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The {@code limit} most frequent error types in the range, most frequent first (ties by name).
     *
     * @throws IllegalArgumentException if the range is empty or reversed, or {@code limit} is not positive
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<CountedKey> mostCommonTypes(Instant from, Instant to, int limit) {
        return top("error_type", from, to, limit);
    }

    /**
     * The {@code limit} services with the most failures per minute in the range, highest first
     * (ties by name).
     *
     * @throws IllegalArgumentException if the range is empty or reversed, or {@code limit} is not positive
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<CountedKey> servicesByFailureRate(Instant from, Instant to, int limit) {
        return top("service", from, to, limit);
    }

    /**
     * Failures per bucket of {@code width} from the bucket holding {@code from} to the one holding
     * the last instant before {@code to}, oldest first, empty buckets included with a count of 0.
     *
     * @throws IllegalArgumentException if the range is empty or reversed, {@code width} is under
     *     one second or not whole seconds, or the range holds more than 10,000 buckets
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<TrendPoint> errorTrend(Instant from, Instant to, Duration width) {
        requireRange(from, to);
        if (width.getSeconds() < 1 || width.getNano() != 0) {
            throw new IllegalArgumentException("width must be whole seconds, at least 1, was " + width);
        }
        long seconds = width.getSeconds();
        long first = Math.floorDiv(from.getEpochSecond(), seconds);
        long last = Math.floorDiv(to.minusNanos(1).getEpochSecond(), seconds);
        if (last - first >= 10_000) {
            throw new IllegalArgumentException("the range holds " + (last - first + 1) + " buckets; at most 10,000");
        }
        Map<Long, Long> counts = new LinkedHashMap<>();
        String sql = "SELECT b, COUNT(*) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM occurred_at) / CAST(? AS BIGINT)) AS b "
                + "FROM failure_event WHERE occurred_at >= ? AND occurred_at < ?) x GROUP BY b";
        try (Connection c = store.answers().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, seconds);
            s.setObject(2, Wire.sqlTime(from));
            s.setObject(3, Wire.sqlTime(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the error trend", e);
        }
        List<TrendPoint> trend = new ArrayList<>((int) (last - first + 1));
        for (long b = first; b <= last; b++) {
            trend.add(new TrendPoint(Instant.ofEpochSecond(b * seconds), counts.getOrDefault(b, 0L)));
        }
        return List.copyOf(trend);
    }

    private List<CountedKey> top(String column, Instant from, Instant to, int limit) {
        requireRange(from, to);
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        double minutes = Duration.between(from, to).toMillis() / 60_000.0;
        String sql = "SELECT " + column + ", COUNT(*) AS n FROM failure_event WHERE occurred_at >= ? AND occurred_at < ? "
                + "GROUP BY " + column + " ORDER BY n DESC, " + column + " FETCH FIRST ? ROWS ONLY";
        try (Connection c = store.answers().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Wire.sqlTime(from));
            s.setObject(2, Wire.sqlTime(to));
            s.setInt(3, limit);
            List<CountedKey> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CountedKey(rs.getString(1), rs.getLong(2), rs.getLong(2) / minutes));
                }
            }
            return List.copyOf(out);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read failure counts by " + column, e);
        }
    }

    private static void requireRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
    }
}
