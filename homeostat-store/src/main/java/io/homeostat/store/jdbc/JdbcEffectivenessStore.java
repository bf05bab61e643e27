package io.homeostat.store.jdbc;

import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tallies in {@code effectiveness}, one row per (problem key, action), and the outcome ids counted
 * under each problem key in {@code effectiveness_outcome}. Thread-safe; each method is one
 * transaction, and a tally is changed by relative updates ({@code attempts = attempts + 1}), so
 * concurrent records of distinct outcomes all count.
 *
 * <p>Records are synchronous JDBC through the pool on the calling thread: the learner runs on the
 * control loop's thread, never on an application thread. Every {@link SQLException} becomes a
 * {@link StoreUnavailableException}.
 */
final class JdbcEffectivenessStore implements EffectivenessStore {

    private static final String SELECT = "SELECT problem_key, action, attempts, successes, recovery_ms, "
            + "consecutive_failures, last_outcome_at FROM effectiveness";

    private final DataSource dataSource;

    JdbcEffectivenessStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean record(String problemKey, RecoveryOutcome outcome) {
        Objects.requireNonNull(problemKey, "problemKey");
        Objects.requireNonNull(outcome, "outcome");
        if (problemKey.isBlank()) {
            throw new IllegalArgumentException("problemKey must not be blank");
        }
        try {
            return InTransaction.retryingDuplicates(dataSource, c -> {
                if (!insertOutcome(c, problemKey, outcome)) {
                    return false;
                }
                if (!addToTally(c, problemKey, outcome)) {
                    insertTally(c, problemKey, outcome);
                }
                return true;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record outcome " + outcome.id() + " under " + problemKey, e);
        }
    }

    @Override
    public Optional<Effectiveness> find(String problemKey, String action) {
        List<Effectiveness> found = select(SELECT + " WHERE problem_key = ? AND action = ?", problemKey, action);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Effectiveness> forProblem(String problemKey) {
        return select(SELECT + " WHERE problem_key = ? ORDER BY action", problemKey);
    }

    @Override
    public List<Effectiveness> all() {
        return select(SELECT + " ORDER BY problem_key, action");
    }

    @Override
    public boolean forget(String problemKey, String action) {
        try {
            return InTransaction.run(dataSource, c -> {
                delete(c, "effectiveness_outcome", problemKey, action);
                return delete(c, "effectiveness", problemKey, action) > 0;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot forget the tally of " + action + " under " + problemKey, e);
        }
    }

    /** False if the id was counted under the key already; a concurrent insert of it is retried. */
    private static boolean insertOutcome(Connection c, String key, RecoveryOutcome outcome) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM effectiveness_outcome WHERE problem_key = ? AND outcome_id = ?")) {
            s.setString(1, key);
            s.setString(2, outcome.id());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO effectiveness_outcome (problem_key, outcome_id, action) VALUES (?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, outcome.id());
            s.setString(3, outcome.action());
            s.executeUpdate();
        }
        return true;
    }

    private static boolean addToTally(Connection c, String key, RecoveryOutcome o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE effectiveness SET attempts = attempts + 1, "
                + "successes = successes + ?, recovery_ms = recovery_ms + ?, "
                + "consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END, "
                + "last_outcome_at = CASE WHEN last_outcome_at < ? THEN ? ELSE last_outcome_at END "
                + "WHERE problem_key = ? AND action = ?")) {
            s.setInt(1, o.succeeded() ? 1 : 0);
            s.setLong(2, recoveryMillis(o));
            s.setBoolean(3, o.succeeded());
            s.setObject(4, Wire.sqlTime(o.time()));
            s.setObject(5, Wire.sqlTime(o.time()));
            s.setString(6, key);
            s.setString(7, o.action());
            return s.executeUpdate() > 0;
        }
    }

    private static void insertTally(Connection c, String key, RecoveryOutcome o) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO effectiveness (problem_key, action, attempts, "
                + "successes, recovery_ms, consecutive_failures, last_outcome_at) VALUES (?, ?, 1, ?, ?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, o.action());
            s.setInt(3, o.succeeded() ? 1 : 0);
            s.setLong(4, recoveryMillis(o));
            s.setInt(5, o.succeeded() ? 0 : 1);
            s.setObject(6, Wire.sqlTime(o.time()));
            s.executeUpdate();
        }
    }

    private static long recoveryMillis(RecoveryOutcome o) {
        return o.succeeded() ? o.timeToRecover().toMillis() : 0;
    }

    private static int delete(Connection c, String table, String key, String action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE problem_key = ? AND action = ?")) {
            s.setString(1, key);
            s.setString(2, action);
            return s.executeUpdate();
        }
    }

    private List<Effectiveness> select(String sql, String... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            List<Effectiveness> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Effectiveness(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
            return List.copyOf(found);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read effectiveness tallies", e);
        }
    }
}
