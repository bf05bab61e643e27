package io.homeostat.store.jdbc;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.RecoveryAction;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.port.WorkflowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Workflow runs in {@code workflow_run}, their step log in {@code workflow_step} (with the
 * parameters and approver of V5, and the id of the write that made each row) and idempotency keys
 * in {@code idempotency_claim} (migration V4). One active run per incident is a unique index on a
 * column that holds the incident id only while the run is active; an update is
 * {@code UPDATE ... WHERE version = ?}; a claim is an insert that a duplicate key refuses.
 * Thread-safe.
 *
 * <p>Every method runs on the calling thread and is atomic; the orchestrator must know a
 * transition is durable before it acts. Creates, updates and step records go through the
 * {@link LoopJournal}: straight to the database while it answers; while it is unreachable, to the
 * durable loop-state spool (forced to disk before the call returns), replayed in order when it
 * returns, a run never set back to an older version. Reads lay the waiting writes over what the
 * database returns: a run with a waiting write, and the steps of a run created while the database
 * was away, are read from memory alone. While the database is unreachable, creates and updates are
 * checked against the waiting writes only (an id taken, a second active run, a version that does
 * not follow the waiting one); an update of a run only the database knows is accepted. A write the
 * database answers and refuses for its data (a value too long for its column) raises
 * {@link io.homeostat.engine.port.StoreRefusedException}, not {@link StoreUnavailableException}: writing
 * it again cannot help.
 *
 * <p>{@link #claim} never goes to the spool: a claim is what keeps an action from running twice,
 * and only the database can grant it. While the database is unreachable a claim throws
 * {@link StoreUnavailableException}, and the action waits.
 */
final class JdbcWorkflowStore implements WorkflowStore {

    private static final String RUN_COLUMNS = "run_id, incident_id, workflow_name, service, trigger_type, phase, "
            + "step_index, attempt, step_state, step_started_at, not_before, verify_since, started_at, deadline, "
            + "approved_by, approval_expires_at, acted_yet, reason, version, updated_at";
    private static final String SELECT_RUN = "SELECT " + RUN_COLUMNS + " FROM workflow_run";
    private static final String INSERT_RUN = "INSERT INTO workflow_run (" + RUN_COLUMNS
            + ", active_incident, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_RUN = "UPDATE workflow_run SET incident_id = ?, workflow_name = ?, service = ?, "
            + "trigger_type = ?, phase = ?, step_index = ?, attempt = ?, step_state = ?, step_started_at = ?, "
            + "not_before = ?, verify_since = ?, started_at = ?, deadline = ?, approved_by = ?, approval_expires_at = ?, "
            + "acted_yet = ?, reason = ?, version = ?, updated_at = ?, active_incident = ?, "
            + "completed_at = COALESCE(completed_at, ?) WHERE run_id = ? AND version";
    private static final String STEP_COLUMNS = "run_id, step_index, step_name, attempt, action, phase, recorded_at, "
            + "detail, undo_data, parameters, approved_by";
    private static final Comparator<WorkflowRun> OLDEST = Comparator.comparing(WorkflowRun::startedAt)
            .thenComparing(WorkflowRun::runId);

    private final DataSource dataSource;
    private final Clock clock;
    private final LoopJournal journal;
    private final PendingLoopState pending;

    JdbcWorkflowStore(DataSource dataSource, Clock clock, LoopJournal journal) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.journal = journal;
        this.pending = journal.pending();
    }

    @Override
    public void create(WorkflowRun run) {
        Objects.requireNonNull(run, "run");
        journal.write(new LoopWrite.CreateRun(run), connections -> {
            try (Connection c = connections.getConnection()) {
                insertRun(c, run);
            }
        }, e -> isConstraintViolation(e)
                ? new RunConflictException("run " + run.runId() + " not created: its id is taken or incident "
                        + run.incidentId() + " already has an active run")
                : DataError.of("cannot create run " + run.runId(), e));
    }

    @Override
    public void update(WorkflowRun run) {
        Objects.requireNonNull(run, "run");
        journal.write(new LoopWrite.UpdateRun(run), connections -> {
            try (Connection c = connections.getConnection()) {
                if (updateRun(c, run, " = ?", run.version() - 1) != 1) {
                    throw new StaleRunException("run " + run.runId() + " is unknown or not at version "
                            + (run.version() - 1));
                }
            }
        }, e -> isConstraintViolation(e)
                ? new RunConflictException("run " + run.runId() + " cannot become active: incident "
                        + run.incidentId() + " already has an active run")
                : DataError.of("cannot update run " + run.runId(), e));
    }

    private static void insertRun(Connection c, WorkflowRun run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_RUN)) {
            int next = bindRun(s, 1, run, true);
            s.setString(next, run.phase().active() ? run.incidentId() : null);
            setCompletedAt(s, next + 1, run);
            s.executeUpdate();
        }
    }

    /** Replaces the run's row where its version satisfies {@code versionTest} against {@code version}; the rows changed. */
    private static int updateRun(Connection c, WorkflowRun run, String versionTest, long version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE_RUN + versionTest)) {
            int next = bindRun(s, 1, run, false);
            s.setString(next, run.phase().active() ? run.incidentId() : null);
            setCompletedAt(s, next + 1, run);
            s.setString(next + 2, run.runId());
            s.setLong(next + 3, version);
            return s.executeUpdate();
        }
    }

    /**
     * Writes {@code run} as a replay does: inserted if its id is unknown, replacing the stored run
     * only if that one has a lower version, else left alone.
     */
    static void putRun(Connection c, WorkflowRun run) throws SQLException {
        if (updateRun(c, run, " < ?", run.version()) == 0
                && !LoopReplay.exists(c, "SELECT 1 FROM workflow_run WHERE run_id = ?", run.runId())) {
            insertRun(c, run);
        }
    }

    @Override
    public Optional<WorkflowRun> find(String runId) {
        Optional<WorkflowRun> waiting = pending.run(runId);
        if (waiting.isPresent()) {
            return waiting;
        }
        List<WorkflowRun> runs = runs(SELECT_RUN + " WHERE run_id = ?", runId);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.getFirst());
    }

    @Override
    public Optional<WorkflowRun> activeFor(String incidentId) {
        PendingLoopState.Waiting<WorkflowRun> waiting = pending.runsOf(incidentId);
        Optional<WorkflowRun> active = waiting.rows().stream().filter(r -> r.phase().active()).findFirst();
        if (active.isPresent() || waiting.born()) {
            return active; // an incident saved while the database was away has no run there
        }
        return overlay(runs(SELECT_RUN + " WHERE active_incident = ?", incidentId), waiting.rows(),
                r -> r.phase().active() && r.incidentId().equals(incidentId)).stream().findFirst();
    }

    @Override
    public List<WorkflowRun> active() {
        List<WorkflowRun> waiting = pending.runs();
        return overlay(runs(SELECT_RUN + " WHERE active_incident IS NOT NULL ORDER BY started_at, run_id", null),
                waiting, r -> r.phase().active());
    }

    @Override
    public List<WorkflowRun> startedSince(Instant since) {
        List<WorkflowRun> waiting = pending.runs();
        return overlay(runs(SELECT_RUN + " WHERE started_at >= ? ORDER BY started_at, run_id", Wire.sqlTime(since)),
                waiting, r -> !r.startedAt().isBefore(since));
    }

    /**
     * {@code stored} with every run that has a waiting write replaced by its waiting state if that
     * {@code matches} (else left out), and every other matching waiting run added, oldest first.
     */
    private static List<WorkflowRun> overlay(List<WorkflowRun> stored, List<WorkflowRun> waiting,
            Predicate<WorkflowRun> matches) {
        if (waiting.isEmpty()) {
            return stored;
        }
        Map<String, WorkflowRun> byId = new HashMap<>();
        stored.forEach(r -> byId.put(r.runId(), r));
        for (WorkflowRun r : waiting) {
            if (matches.test(r)) {
                byId.put(r.runId(), r);
            } else {
                byId.remove(r.runId());
            }
        }
        return byId.values().stream().sorted(OLDEST).toList();
    }

    @Override
    public void append(StepRecord record) {
        Objects.requireNonNull(record, "record");
        String writeId = LoopJournal.newWriteId();
        journal.write(new LoopWrite.AppendStep(writeId, record), connections -> {
            try (Connection c = connections.getConnection()) {
                insertStep(c, writeId, record);
            }
        }, e -> DataError.of("cannot append a step record of run " + record.runId(), e));
    }

    /** Inserts one step row under {@code writeId}. */
    static void insertStep(Connection c, String writeId, StepRecord record) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO workflow_step (" + STEP_COLUMNS
                + ", write_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, record.runId());
            s.setInt(2, record.stepIndex());
            s.setString(3, record.step());
            s.setInt(4, record.attempt());
            s.setString(5, record.action());
            s.setString(6, record.phase().name());
            s.setObject(7, Wire.sqlTime(record.time()));
            s.setString(8, record.detail());
            s.setString(9, JsonText.of(record.data()));
            s.setString(10, JsonText.of(record.parameters()));
            s.setString(11, record.approvedBy());
            s.setString(12, writeId);
            s.executeUpdate();
        }
    }

    @Override
    public List<StepRecord> steps(String runId) {
        PendingLoopState.Waiting<LoopWrite.AppendStep> waiting = pending.steps(runId);
        if (waiting.born()) {
            return waiting.rows().stream().map(LoopWrite.AppendStep::record).toList();
        }
        Set<String> stored = new HashSet<>();
        List<StepRecord> records;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + STEP_COLUMNS
                        + ", write_id FROM workflow_step WHERE run_id = ? ORDER BY seq")) {
            s.setString(1, runId);
            records = new ArrayList<>(readSteps(s, stored));
        } catch (SQLException e) {
            throw unavailable("cannot read the steps of run " + runId, e);
        }
        // records replayed between the two reads are in both: the database's copy counts
        for (LoopWrite.AppendStep w : waiting.rows()) {
            if (!stored.contains(w.writeId())) {
                records.add(w.record());
            }
        }
        return List.copyOf(records);
    }

    /**
     * As the port's default, in two queries (the runs, then all their steps) instead of one per
     * run; while writes wait in the spool, the port's default over the reads that see them.
     */
    @Override
    public List<RecoveryAction> actionsSince(Instant since) {
        if (!pending.isEmpty()) {
            return WorkflowStore.super.actionsSince(since);
        }
        List<WorkflowRun> runs = startedSince(since);
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<String, List<StepRecord>> byRun = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + STEP_COLUMNS + ", write_id FROM workflow_step "
                        + "WHERE run_id IN (SELECT run_id FROM workflow_run WHERE started_at >= ?) ORDER BY seq")) {
            s.setObject(1, Wire.sqlTime(since));
            for (StepRecord r : readSteps(s, new HashSet<>())) {
                byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r);
            }
        } catch (SQLException e) {
            throw unavailable("cannot read the steps of the runs started since " + since, e);
        }
        List<RecoveryAction> actions = new ArrayList<>();
        for (WorkflowRun run : runs) {
            actions.addAll(RecoveryAction.of(run, byRun.getOrDefault(run.runId(), List.of())));
        }
        return List.copyOf(actions);
    }

    /** The records a query over {@link #STEP_COLUMNS} and {@code write_id} returns; their write ids go to {@code writeIds}. */
    private static List<StepRecord> readSteps(PreparedStatement s, Set<String> writeIds) throws SQLException {
        List<StepRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                records.add(new StepRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), StepPhase.valueOf(rs.getString(6)), time(rs, 7), rs.getString(8),
                        JsonText.map(rs.getString(9)), JsonText.map(rs.getString(10)), rs.getString(11)));
                if (rs.getString(12) != null) {
                    writeIds.add(rs.getString(12));
                }
            }
        }
        return List.copyOf(records);
    }

    @Override
    public boolean claim(String key, String runId) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(runId, "runId");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO idempotency_claim (claim_key, run_id, claimed_at) VALUES (?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, runId);
            s.setObject(3, Wire.sqlTime(clock.instant()));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isConstraintViolation(e)) {
                return false;
            }
            throw unavailable("cannot claim idempotency key " + key, e);
        }
    }

    /** Binds the run's columns from {@code first}; with {@code withId} the id leads, as in the insert. */
    private static int bindRun(PreparedStatement s, int first, WorkflowRun run, boolean withId) throws SQLException {
        int i = first;
        if (withId) {
            s.setString(i++, run.runId());
        }
        s.setString(i++, run.incidentId());
        s.setString(i++, run.workflow());
        s.setString(i++, run.service());
        s.setString(i++, run.trigger().name());
        s.setString(i++, run.phase().name());
        s.setInt(i++, run.stepIndex());
        s.setInt(i++, run.attempt());
        s.setString(i++, run.stepState().name());
        s.setObject(i++, Wire.sqlTime(run.stepStartedAt()));
        s.setObject(i++, Wire.sqlTime(run.notBefore()));
        s.setObject(i++, Wire.sqlTime(run.verifySince()));
        s.setObject(i++, Wire.sqlTime(run.startedAt()));
        s.setObject(i++, Wire.sqlTime(run.deadline()));
        s.setString(i++, run.approvedBy());
        s.setObject(i++, Wire.sqlTime(run.approvalExpiresAt()));
        s.setBoolean(i++, run.actedYet());
        s.setString(i++, run.reason());
        s.setLong(i++, run.version());
        s.setObject(i++, Wire.sqlTime(run.updatedAt()));
        return i;
    }

    /** A run is complete from its first update out of the active phases; NULL while active. */
    private static void setCompletedAt(PreparedStatement s, int index, WorkflowRun run) throws SQLException {
        if (run.phase().active()) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, Wire.sqlTime(run.updatedAt()));
        }
    }

    private List<WorkflowRun> runs(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            List<WorkflowRun> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new WorkflowRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            TriggerType.valueOf(rs.getString(5)), RunPhase.valueOf(rs.getString(6)), rs.getInt(7),
                            rs.getInt(8), StepState.valueOf(rs.getString(9)), time(rs, 10), time(rs, 11), time(rs, 12),
                            time(rs, 13), time(rs, 14), rs.getString(15), time(rs, 16), rs.getBoolean(17),
                            rs.getString(18), rs.getLong(19), time(rs, 20)));
                }
            }
            return List.copyOf(runs);
        } catch (SQLException e) {
            throw unavailable("cannot read workflow runs", e);
        }
    }

    private static Instant time(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, OffsetDateTime.class).toInstant();
    }

    /** SQLSTATE class 23: integrity constraint violation (a duplicate key on H2 and PostgreSQL). */
    private static boolean isConstraintViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    private static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(what + ": " + e.getMessage(), e);
    }
}
