package io.homeostat.engine.execute;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One decision of recovery, with its reason. Immutable.
 *
 * @param time when (the orchestrator's clock)
 * @param actor who decided: {@code homeostat}, or the person who approved or rejected
 * @param decision what was decided, e.g. {@code run.started}, {@code step.acted}, {@code gate.held}
 * @param incidentId the incident
 * @param runId the workflow run; empty text if no run was started
 * @param reason why, in words
 * @param evidence what the decision rests on (workflow, step, action, risk, limits)
 */
public record AuditEntry(Instant time, String actor, String decision, String incidentId, String runId, String reason,
        Map<String, String> evidence) {

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(reason, "reason");
        evidence = Map.copyOf(evidence);
    }
}
