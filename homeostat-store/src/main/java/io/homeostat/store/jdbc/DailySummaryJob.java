package io.homeostat.store.jdbc;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Computes the daily self-healing summary ({@link DailySummary}) from {@code failure_event} and
 * {@code workflow_run} into {@code daily_summary}, one row per UTC day, and reads it back by day
 * range. Recomputing a day replaces its row (in one transaction), so the job may run as often as
 * wanted. Thread-safe.
 */
public final class DailySummaryJob {

    private static final System.Logger LOG = System.getLogger(DailySummaryJob.class.getName());
    private static final Duration DAY = Duration.ofDays(1);

    private final JdbcStore store;
    private final Clock clock;

    /** A job over {@code store}'s database, stamping its rows with {@code clock}'s time. */
    public DailySummaryJob(JdbcStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Computes {@code day}'s summary, stores it (replacing an earlier one) and returns it.
     *
     * @throws StoreUnavailableException if the database cannot be read or written
     */
    public DailySummary compute(LocalDate day) {
        Objects.requireNonNull(day, "day");
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(DAY);
        Instant now = clock.instant();
        try (Connection c = store.dataSource().getConnection()) {
            long errors = errors(c, start, end);
            List<Run> runs = runs(c, start, end);
            long automated = 0;
            long successful = 0;
            long escalated = 0;
            Duration recoveryTotal = Duration.ZERO;
            for (Run run : runs) {
                if (run.completedAt == null || run.completedAt.isBefore(start) || !run.completedAt.isBefore(end)) {
                    continue;
                }
                escalated += run.phase == RunPhase.ESCALATED ? 1 : 0;
                if (run.actedYet && run.phase != RunPhase.SHADOWED && run.phase != RunPhase.SKIPPED) {
                    automated++;
                    if (run.phase == RunPhase.SUCCEEDED) {
                        successful++;
                        recoveryTotal = recoveryTotal.plus(Duration.between(run.startedAt, run.completedAt));
                    }
                }
            }
            Duration mean = successful == 0 ? Duration.ZERO : recoveryTotal.dividedBy(successful);
            DailySummary summary = new DailySummary(day, errors, automated, successful, escalated, mean,
                    availability(runs, start, end, now), now);
            write(c, summary);
            return summary;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot compute the daily summary of " + day + ": " + e.getMessage(), e);
        }
    }

    /** Computes yesterday's and today's summaries (UTC), the days that can still change. */
    public void runOnce() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        compute(today.minusDays(1));
        compute(today);
    }

    /** Runs {@link #runOnce()} every {@code period} on {@code scheduler}; a failed run is logged and retried next period. */
    public Cancellable schedule(Scheduler scheduler, Duration period) {
        return scheduler.scheduleAtFixedRate(period, period, () -> {
            try {
                runOnce();
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "daily summary failed; retrying next period", e);
            }
        });
    }

    /**
     * The stored summaries of the days from {@code from} to {@code to}, both included, oldest
     * first; days never computed are missing.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<DailySummary> summaries(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        String sql = "SELECT summary_date, error_count, automated_recoveries, successful_recoveries, escalated, "
                + "mean_recovery_ms, availability, computed_at FROM daily_summary "
                + "WHERE summary_date >= ? AND summary_date <= ? ORDER BY summary_date";
        try (Connection c = store.answers().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from);
            s.setObject(2, to);
            List<DailySummary> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long meanMillis = rs.getLong(6);
                    found.add(new DailySummary(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), Duration.ofMillis(rs.wasNull() ? 0 : meanMillis),
                            rs.getDouble(7), rs.getObject(8, OffsetDateTime.class).toInstant()));
                }
            }
            return List.copyOf(found);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read daily summaries: " + e.getMessage(), e);
        }
    }

    private record Run(RunPhase phase, boolean actedYet, Instant startedAt, Instant completedAt) {}

    private static long errors(Connection c, Instant start, Instant end) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM failure_event WHERE occurred_at >= ? AND occurred_at < ?")) {
            s.setObject(1, Wire.sqlTime(start));
            s.setObject(2, Wire.sqlTime(end));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs that overlap the day: started before its end, and still active or ended after its start. */
    private static List<Run> runs(Connection c, Instant start, Instant end) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT phase, acted_yet, started_at, completed_at FROM workflow_run "
                + "WHERE started_at < ? AND (completed_at IS NULL OR completed_at >= ?)")) {
            s.setObject(1, Wire.sqlTime(end));
            s.setObject(2, Wire.sqlTime(start));
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime completed = rs.getObject(4, OffsetDateTime.class);
                    runs.add(new Run(RunPhase.valueOf(rs.getString(1)), rs.getBoolean(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), completed == null ? null : completed.toInstant()));
                }
            }
            return runs;
        }
    }

    /**
     * One minus the share of the day covered by the union of the runs' intervals (active ones up
     * to {@code now}); shadowed and skipped runs never touched the service and do not count.
     */
    private static double availability(List<Run> runs, Instant start, Instant end, Instant now) {
        List<Instant[]> intervals = new ArrayList<>();
        for (Run run : runs) {
            if (run.phase == RunPhase.SHADOWED || run.phase == RunPhase.SKIPPED) {
                continue;
            }
            Instant from = run.startedAt.isBefore(start) ? start : run.startedAt;
            Instant until = run.completedAt == null ? now : run.completedAt;
            until = until.isAfter(end) ? end : until;
            if (from.isBefore(until)) {
                intervals.add(new Instant[] {from, until});
            }
        }
        intervals.sort(Comparator.comparing(i -> i[0]));
        Duration covered = Duration.ZERO;
        Instant reach = start;
        for (Instant[] i : intervals) {
            Instant from = i[0].isBefore(reach) ? reach : i[0];
            if (i[1].isAfter(from)) {
                covered = covered.plus(Duration.between(from, i[1]));
                reach = i[1];
            }
        }
        return 1.0 - (double) covered.toMillis() / DAY.toMillis();
    }

    private static void write(Connection c, DailySummary summary) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM daily_summary WHERE summary_date = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO daily_summary (summary_date, error_count, "
                        + "automated_recoveries, successful_recoveries, escalated, mean_recovery_ms, availability, "
                        + "computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            delete.setObject(1, summary.day());
            delete.executeUpdate();
            insert.setObject(1, summary.day());
            insert.setLong(2, summary.errors());
            insert.setLong(3, summary.automatedRecoveries());
            insert.setLong(4, summary.successful());
            insert.setLong(5, summary.escalated());
            if (summary.successful() == 0) {
                insert.setNull(6, Types.BIGINT);
            } else {
                insert.setLong(6, summary.meanRecoveryTime().toMillis());
            }
            insert.setDouble(7, summary.availability());
            insert.setObject(8, Wire.sqlTime(summary.computedAt()));
            insert.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
