package io.homeostat.store.jdbc;

import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Rows of {@code workflow_run}: binding a run's columns and reading them back. Stateless. */
final class WorkflowRunRows {

    /** Every column but the key, in the order {@link #bind} sets them; {@code run_id} follows as parameter 21. */
    static final String COLUMNS = "incident_id, active_incident, workflow, service, trigger_type, phase, step_index, "
            + "attempt, step_state, step_started_at, not_before, verify_since, started_at, deadline, approved_by, "
            + "approval_expires_at, acted_yet, reason, version, updated_at";

    static final String SELECT = "SELECT run_id, " + COLUMNS + " FROM workflow_run";

    private WorkflowRunRows() {}

    /** Sets parameters 1-20 to the run's columns (see {@link #COLUMNS}). */
    static void bind(PreparedStatement s, WorkflowRun r) throws SQLException {
        s.setString(1, r.incidentId());
        if (r.phase().active()) {
            s.setString(2, r.incidentId());
        } else {
            s.setNull(2, Types.VARCHAR);
        }
        s.setString(3, r.workflow());
        s.setString(4, r.service());
        s.setString(5, r.trigger().name());
        s.setString(6, r.phase().name());
        s.setInt(7, r.stepIndex());
        s.setInt(8, r.attempt());
        s.setString(9, r.stepState().name());
        s.setObject(10, Wire.sqlTime(r.stepStartedAt()));
        s.setObject(11, Wire.sqlTime(r.notBefore()));
        s.setObject(12, Wire.sqlTime(r.verifySince()));
        s.setObject(13, Wire.sqlTime(r.startedAt()));
        s.setObject(14, Wire.sqlTime(r.deadline()));
        s.setString(15, r.approvedBy());
        s.setObject(16, Wire.sqlTime(r.approvalExpiresAt()));
        s.setBoolean(17, r.actedYet());
        s.setString(18, r.reason());
        s.setLong(19, r.version());
        s.setObject(20, Wire.sqlTime(r.updatedAt()));
    }

    /** The run in the current row of a result set made by {@link #SELECT}. */
    static WorkflowRun read(ResultSet rs) throws SQLException {
        return new WorkflowRun(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(5),
                TriggerType.valueOf(rs.getString(6)), RunPhase.valueOf(rs.getString(7)), rs.getInt(8), rs.getInt(9),
                StepState.valueOf(rs.getString(10)), time(rs, 11), time(rs, 12), time(rs, 13), time(rs, 14),
                time(rs, 15), rs.getString(16), time(rs, 17), rs.getBoolean(18), rs.getString(19), rs.getLong(20),
                time(rs, 21));
    }

    private static Instant time(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, OffsetDateTime.class).toInstant();
    }
}
