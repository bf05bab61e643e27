package io.homeostat.engine.execute;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One transition of one step of a run, as written to the {@link io.homeostat.engine.port.WorkflowStore}
 * (before and after the action). Immutable.
 *
 * @param runId the run
 * @param stepIndex the step's position; {@code -1 - i} for the workflow's i-th rollback step
 * @param step the step's name
 * @param attempt the attempt, from 1
 * @param action the action's name
 * @param phase what happened
 * @param time when
 * @param detail one line: what the action did or why it failed
 * @param data the action's undo data (for {@link StepPhase#SUCCEEDED}), else empty
 * @param parameters the parameters the action ran with (on the {@link StepPhase#STARTED} record),
 *     else empty
 * @param approvedBy who approved the action (on the {@link StepPhase#STARTED} record); empty text
 *     if nobody did (it ran automatically) and on the other records
 */
public record StepRecord(String runId, int stepIndex, String step, int attempt, String action, StepPhase phase,
        Instant time, String detail, Map<String, String> data, Map<String, String> parameters, String approvedBy) {

    public StepRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
        data = Map.copyOf(data);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(approvedBy, "approvedBy");
    }

    /** A record without parameters and approver: what every phase but {@link StepPhase#STARTED} writes. */
    public StepRecord(String runId, int stepIndex, String step, int attempt, String action, StepPhase phase,
            Instant time, String detail, Map<String, String> data) {
        this(runId, stepIndex, step, attempt, action, phase, time, detail, data, Map.of(), "");
    }

    /** This record with the parameters its action runs with and who approved it (empty text: nobody). */
    public StepRecord withRequest(Map<String, String> parameters, String approvedBy) {
        return new StepRecord(runId, stepIndex, step, attempt, action, phase, time, detail, data, parameters, approvedBy);
    }
}
