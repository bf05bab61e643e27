package io.homeostat.store.jdbc;

import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.port.RecoveryAction;
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

/**
 * Recovery history for the API and dashboard, read from {@code workflow_run}: how many runs
 * ended in each hour, by outcome; and from {@code workflow_step}, how many recovery actions
 * ({@link #actionsByHour}). A run counts in the hour its {@code completed_at} falls in (the
 * first time it left the active phases); runs that were only shadowed or skipped do not count.
 * Thread-safe; each call reads on a pooled connection.
 */
public final class RecoveryHistory {

    static final long HOUR_SECONDS = 3600;
    private static final int MAX_HOURS = 10_000;

    private final JdbcStore store;

    /** Reads from {@code store}'s database. */
    public RecoveryHistory(JdbcStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Runs ended per hour, from the hour holding {@code from} to the hour holding the last instant
     * before {@code to}, oldest first, hours without runs included with zero counts. Only runs
     * that ended in {@code [from, to)} count.
     *
     * @throws IllegalArgumentException if the range is empty or reversed, or spans more than 10,000 hours
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<RecoveryCounts> byHour(Instant from, Instant to) {
        long first = firstHour(from, to);
        long[][] counts = new long[hours(first, to)][3];
        String sql = "SELECT phase, completed_at FROM workflow_run WHERE completed_at >= ? AND completed_at < ? "
                + "AND phase IN ('SUCCEEDED', 'ABORTED', 'ESCALATED', 'ROLLED_BACK')";
        try (Connection c = store.answers().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Wire.sqlTime(from));
            s.setObject(2, Wire.sqlTime(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    int hour = (int) (Math.floorDiv(at.getEpochSecond(), HOUR_SECONDS) - first);
                    counts[hour][column(RunPhase.valueOf(rs.getString(1)))]++;
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the recovery history: " + e.getMessage(), e);
        }
        return history(first, counts);
    }

    /**
     * Recovery actions ({@link RecoveryAction}: attempts of steps, rollback steps included)
     * completed per hour, by status, over the same hours as {@link #byHour}: an action counts in the
     * hour of its {@link RecoveryAction#completedAt()} if that falls in {@code [from, to)};
     * {@code failed} counts {@link RecoveryAction.Status#FAILED}, {@code rolledBack}
     * {@link RecoveryAction.Status#ROLLED_BACK}. Actions not completed, shadowed steps and choices of an alternative do not count.
     *
     * @throws IllegalArgumentException if the range is empty or reversed, or spans more than 10,000 hours
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<RecoveryCounts> actionsByHour(Instant from, Instant to) {
        long first = firstHour(from, to);
        long[][] counts = new long[hours(first, to)][3];
        // the last record of each attempt that has one in the range: its phase gives the status
        String sql = "SELECT s.step_index, s.phase, s.recorded_at, r.phase FROM workflow_step s "
                + "JOIN workflow_run r ON r.run_id = s.run_id WHERE s.recorded_at >= ? AND s.recorded_at < ? "
                + "AND NOT EXISTS (SELECT 1 FROM workflow_step t WHERE t.run_id = s.run_id "
                + "AND t.step_index = s.step_index AND t.attempt = s.attempt AND t.seq > s.seq)";
        try (Connection c = store.answers().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, Wire.sqlTime(from));
            s.setObject(2, Wire.sqlTime(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StepPhase phase = StepPhase.valueOf(rs.getString(2));
                    if (!phase.isAction()) {
                        continue;
                    }
                    RecoveryAction.Status status = RecoveryAction.Status.of(phase, rs.getInt(1),
                            RunPhase.valueOf(rs.getString(4)).active());
                    if (status.terminal()) {
                        Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                        int hour = (int) (Math.floorDiv(at.getEpochSecond(), HOUR_SECONDS) - first);
                        counts[hour][switch (status) {
                            case SUCCEEDED -> 0;
                            case ROLLED_BACK -> 2;
                            default -> 1;
                        }]++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the recovery action history: " + e.getMessage(), e);
        }
        return history(first, counts);
    }

    private static long firstHour(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("range must not be empty: from " + from + " to " + to);
        }
        return Math.floorDiv(from.getEpochSecond(), HOUR_SECONDS);
    }

    private static int hours(long first, Instant to) {
        long last = Math.floorDiv(to.minusNanos(1).getEpochSecond(), HOUR_SECONDS);
        if (last - first + 1 > MAX_HOURS) {
            throw new IllegalArgumentException("range spans " + (last - first + 1) + " hours, more than " + MAX_HOURS);
        }
        return (int) (last - first + 1);
    }

    private static List<RecoveryCounts> history(long first, long[][] counts) {
        List<RecoveryCounts> history = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            history.add(new RecoveryCounts(Instant.ofEpochSecond((first + i) * HOUR_SECONDS), counts[i][0],
                    counts[i][1], counts[i][2]));
        }
        return List.copyOf(history);
    }

    private static int column(RunPhase phase) {
        return switch (phase) {
            case SUCCEEDED -> 0;
            case ROLLED_BACK -> 2;
            default -> 1;
        };
    }

}
