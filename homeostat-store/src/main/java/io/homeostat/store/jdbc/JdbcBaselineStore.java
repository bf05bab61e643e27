package io.homeostat.store.jdbc;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineWindow;
import io.homeostat.engine.port.BaselineStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Baselines in {@code baseline} (V1), one row per (service, metric, window length in seconds);
 * {@code median_value} repeats {@code p50}. Thread-safe; each method is one transaction.
 *
 * <p>Saves are synchronous JDBC through the pool on the calling thread: baselines are saved by the
 * detectors on the control loop's thread, never on an application thread. A save updates the row
 * only if the stored baseline was not calculated later, and inserts it if there is none (a
 * concurrent first insert is retried). Every {@link SQLException} becomes a
 * {@link StoreUnavailableException}.
 */
final class JdbcBaselineStore implements BaselineStore {

    private static final String SELECT = "SELECT service, metric, window_seconds, sample_count, mean_value, "
            + "stddev_value, p50, p95, p99, value_min, value_max, computed_at, valid_until FROM baseline";
    private static final String KEY = " WHERE service = ? AND metric = ? AND window_seconds = ?";

    private final DataSource dataSource;

    JdbcBaselineStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Baseline b) {
        Objects.requireNonNull(b, "baseline");
        try {
            InTransaction.retryingDuplicates(dataSource, c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE baseline SET sample_count = ?, mean_value = ?, "
                        + "stddev_value = ?, p50 = ?, p95 = ?, p99 = ?, value_min = ?, value_max = ?, computed_at = ?, "
                        + "valid_until = ?, median_value = ?" + KEY + " AND computed_at <= ?")) {
                    bind(s, b);
                    s.setObject(15, Wire.sqlTime(b.calculatedAt()));
                    if (s.executeUpdate() > 0 || exists(c, b)) {
                        return null;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO baseline (sample_count, mean_value, "
                        + "stddev_value, p50, p95, p99, value_min, value_max, computed_at, valid_until, median_value, "
                        + "service, metric, window_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(s, b);
                    s.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot save the baseline of " + b.series() + " over " + b.window(), e);
        }
    }

    @Override
    public Optional<Baseline> find(SeriesKey series, BaselineWindow window) {
        List<Baseline> found = select(SELECT + KEY, series.service(), series.metric(), window.length().toSeconds());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Baseline> forService(String service) {
        return select(SELECT + " WHERE service = ? ORDER BY metric, window_seconds", service);
    }

    @Override
    public int deleteExpiredBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM baseline WHERE valid_until < ?")) {
            s.setObject(1, Wire.sqlTime(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot delete expired baselines", e);
        }
    }

    /** Binds the statistics (1-11) and the key (12-14). */
    private static void bind(PreparedStatement s, Baseline b) throws SQLException {
        s.setLong(1, b.count());
        s.setDouble(2, b.mean());
        s.setDouble(3, b.stddev());
        s.setDouble(4, b.p50());
        s.setDouble(5, b.p95());
        s.setDouble(6, b.p99());
        s.setDouble(7, b.min());
        s.setDouble(8, b.max());
        s.setObject(9, Wire.sqlTime(b.calculatedAt()));
        s.setObject(10, Wire.sqlTime(b.validUntil()));
        s.setDouble(11, b.median());
        s.setString(12, b.series().service());
        s.setString(13, b.series().metric());
        s.setLong(14, b.window().length().toSeconds());
    }

    private static boolean exists(Connection c, Baseline b) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM baseline" + KEY)) {
            s.setString(1, b.series().service());
            s.setString(2, b.series().metric());
            s.setLong(3, b.window().length().toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<Baseline> select(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            List<Baseline> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Baseline(new SeriesKey(rs.getString(1), rs.getString(2)), window(rs.getLong(3)),
                            rs.getLong(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8),
                            rs.getDouble(9), rs.getDouble(10), rs.getDouble(11),
                            rs.getObject(12, OffsetDateTime.class).toInstant(),
                            rs.getObject(13, OffsetDateTime.class).toInstant()));
                }
            }
            return List.copyOf(found);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read baselines", e);
        }
    }

    private static BaselineWindow window(long seconds) {
        for (BaselineWindow window : BaselineWindow.values()) {
            if (window.length().toSeconds() == seconds) {
                return window;
            }
        }
        throw new IllegalStateException("no baseline window lasts " + seconds + " s");
    }
}
