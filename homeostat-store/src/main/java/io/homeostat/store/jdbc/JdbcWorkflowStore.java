package io.homeostat.store.jdbc;

import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.port.WorkflowStore;
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
 * Workflow runs in {@code workflow_run} (updates compare-and-set on the version), step records in
 * {@code workflow_step} (append order by identity), idempotency keys in {@code workflow_claim}.
 * Thread-safe; each method is one statement, atomic in the database.
 *
 * <p>Synchronous JDBC through the pool on the calling thread: the orchestrator runs on the control
 * loop's thread, never on an application thread, and must know a step is recorded before it acts.
 * Every other {@link SQLException} becomes a {@link StoreUnavailableException}.
 */
final class JdbcWorkflowStore implements WorkflowStore {

    private final DataSource dataSource;

    JdbcWorkflowStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void create(WorkflowRun run) {
        Objects.requireNonNull(run, "run");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO "
                + "workflow_run (" + WorkflowRunRows.COLUMNS + ", run_id) VALUES (" + "?, ".repeat(20) + "?)")) {
            WorkflowRunRows.bind(s, run);
            s.setString(21, run.runId());
            s.executeUpdate();
        } catch (SQLException e) {
            if (UniqueViolation.is(e)) {
                throw new RunConflictException("run " + run.runId() + " exists, or incident " + run.incidentId()
                        + " has an active run already");
            }
            throw new StoreUnavailableException("cannot create run " + run.runId(), e);
        }
    }

    @Override
    public void update(WorkflowRun run) {
        Objects.requireNonNull(run, "run");
        String set = String.join(" = ?, ", WorkflowRunRows.COLUMNS.split(", ")) + " = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE workflow_run SET " + set + " WHERE run_id = ? AND version = ?")) {
            WorkflowRunRows.bind(s, run);
            s.setString(21, run.runId());
            s.setLong(22, run.version() - 1);
            if (s.executeUpdate() == 0) {
                throw new StaleRunException("run " + run.runId() + " is not stored at version " + (run.version() - 1));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot update run " + run.runId(), e);
        }
    }

    @Override
    public Optional<WorkflowRun> find(String runId) {
        return first(runs(WorkflowRunRows.SELECT + " WHERE run_id = ?", runId));
    }

    @Override
    public Optional<WorkflowRun> activeFor(String incidentId) {
        return first(runs(WorkflowRunRows.SELECT + " WHERE active_incident = ?", incidentId));
    }

    @Override
    public List<WorkflowRun> active() {
        return runs(WorkflowRunRows.SELECT + " WHERE active_incident IS NOT NULL ORDER BY started_at, run_id");
    }

    @Override
    public List<WorkflowRun> startedSince(Instant since) {
        return runs(WorkflowRunRows.SELECT + " WHERE started_at >= ? ORDER BY started_at, run_id", Wire.sqlTime(since));
    }

    @Override
    public void append(StepRecord r) {
        Objects.requireNonNull(r, "record");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO "
                + "workflow_step (run_id, step_index, step, attempt, action, phase, step_at, detail, data) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.runId());
            s.setInt(2, r.stepIndex());
            s.setString(3, r.step());
            s.setInt(4, r.attempt());
            s.setString(5, r.action());
            s.setString(6, r.phase().name());
            s.setObject(7, Wire.sqlTime(r.time()));
            s.setString(8, r.detail());
            s.setString(9, JsonText.of(r.data()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot append a step record of run " + r.runId(), e);
        }
    }

    @Override
    public List<StepRecord> steps(String runId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT run_id, "
                + "step_index, step, attempt, action, phase, step_at, detail, data FROM workflow_step "
                + "WHERE run_id = ? ORDER BY seq")) {
            s.setString(1, runId);
            List<StepRecord> records = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(new StepRecord(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), StepPhase.valueOf(rs.getString(6)),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8),
                            JsonText.map(rs.getString(9))));
                }
            }
            return List.copyOf(records);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the steps of run " + runId, e);
        }
    }

    @Override
    public boolean claim(String key, String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO workflow_claim (claim_key, run_id) VALUES (?, ?)")) {
            s.setString(1, key);
            s.setString(2, runId);
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UniqueViolation.is(e)) {
                return false;
            }
            throw new StoreUnavailableException("cannot claim key " + key, e);
        }
    }

    private List<WorkflowRun> runs(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            List<WorkflowRun> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(WorkflowRunRows.read(rs));
                }
            }
            return List.copyOf(runs);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read workflow runs", e);
        }
    }

    private static <T> Optional<T> first(List<T> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }
}
