package io.homeostat.store.jdbc;

import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.BreakerStateStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Breaker states in {@code circuit_breaker_state}, one row per name, written through (a state is
 * small and changes only on a transition). Thread-safe. {@link BreakerState#NO_TIME} is stored
 * as SQL NULL.
 */
final class JdbcBreakerStateStore implements BreakerStateStore {

    private static final String COLUMNS = "name, state, window_calls, window_failures, window_slow_calls, "
            + "consecutive_failures, consecutive_trips, opened_at, next_retry_at, transition_reason, updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM circuit_breaker_state";

    private final DataSource dataSource;
    private final Clock clock;
    private final String upsert;

    JdbcBreakerStateStore(DataSource dataSource, Dialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.upsert = switch (dialect) {
            case H2 -> "MERGE INTO circuit_breaker_state (" + COLUMNS + ") KEY (name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            case POSTGRESQL -> "INSERT INTO circuit_breaker_state (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, window_calls = EXCLUDED.window_calls, "
                    + "window_failures = EXCLUDED.window_failures, window_slow_calls = EXCLUDED.window_slow_calls, "
                    + "consecutive_failures = EXCLUDED.consecutive_failures, "
                    + "consecutive_trips = EXCLUDED.consecutive_trips, opened_at = EXCLUDED.opened_at, "
                    + "next_retry_at = EXCLUDED.next_retry_at, transition_reason = EXCLUDED.transition_reason, "
                    + "updated_at = EXCLUDED.updated_at";
        };
    }

    @Override
    public void save(BreakerState state) {
        Objects.requireNonNull(state, "state");
        WindowSnapshot w = state.window();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(upsert)) {
            s.setString(1, state.name());
            s.setString(2, state.state().name().toLowerCase(Locale.ROOT));
            s.setInt(3, w.calls());
            s.setInt(4, w.failures());
            s.setInt(5, w.slowCalls());
            s.setInt(6, w.consecutiveFailures());
            s.setInt(7, state.consecutiveTrips());
            setTime(s, 8, state.openedAt());
            setTime(s, 9, state.nextRetryAt());
            s.setString(10, state.lastTransitionReason());
            s.setObject(11, Wire.sqlTime(clock.instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot save the state of breaker " + state.name(), e);
        }
    }

    @Override
    public Optional<BreakerState> load(String name) {
        List<BreakerState> found = select(SELECT + " WHERE name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<BreakerState> all() {
        return select(SELECT + " ORDER BY name", null);
    }

    @Override
    public boolean remove(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM circuit_breaker_state WHERE name = ?")) {
            s.setString(1, name);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot remove the state of breaker " + name, e);
        }
    }

    private List<BreakerState> select(String sql, String name) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (name != null) {
                s.setString(1, name);
            }
            List<BreakerState> states = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.add(new BreakerState(rs.getString(1), CircuitState.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            new WindowSnapshot(rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)), rs.getInt(7),
                            time(rs, 8), time(rs, 9), rs.getString(10)));
                }
            }
            return List.copyOf(states);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read breaker states", e);
        }
    }

    private static void setTime(PreparedStatement s, int index, Instant time) throws SQLException {
        if (time.equals(BreakerState.NO_TIME)) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, Wire.sqlTime(time));
        }
    }

    private static Instant time(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? BreakerState.NO_TIME : value.toInstant();
    }
}
