package io.homeostat.engine.execute;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.IllegalIncidentTransitionException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where the orchestrator writes what it decided: the audit hook, the escalation sink and the
 * incident's lifecycle. A hook that throws is counted, never fatal. Thread-safe.
 */
final class Journal {

    static final String SELF = IncidentTracker.SELF;

    private final RecoveryAudit audit;
    private final EscalationSink escalation;
    private final IncidentTracker tracker;
    private final Clock clock;
    final AtomicLong hookFailures = new AtomicLong();
    private final int attempts;
    private final Consumer<WorkflowRun> retry;
    private final Map<String, Integer> failedRuns = new ConcurrentHashMap<>();
    private final Set<String> uncounted;

    Journal(RecoveryAudit audit, EscalationSink escalation, IncidentTracker tracker, Clock clock, int attempts,
            Consumer<WorkflowRun> retry, Set<String> uncounted) {
        this.uncounted = uncounted;
        this.attempts = attempts;
        this.retry = retry;
        this.audit = audit;
        this.escalation = escalation;
        this.tracker = tracker;
        this.clock = clock;
    }

    void audit(String actor, String decision, String incidentId, String runId, String reason, Map<String, String> evidence) {
        try {
            audit.record(new AuditEntry(clock.instant(), actor, decision, incidentId, runId, reason, evidence));
        } catch (RuntimeException e) {
            hookFailures.incrementAndGet();
        }
    }

    void escalate(EscalationNotice.Kind kind, String incidentId, String service, String message) {
        Severity severity = incident(incidentId).map(Incident::severity).orElse(Severity.HIGH);
        try {
            escalation.escalate(new EscalationNotice(kind, incidentId, service, severity, message));
        } catch (RuntimeException e) {
            hookFailures.incrementAndGet();
        }
    }

    Optional<Incident> incident(String incidentId) {
        return tracker.active().stream().filter(i -> i.id().equals(incidentId)).findFirst();
    }

    /** Services with active incidents, for the blast radius; those not counted for it left out. */
    int failingServices() {
        return (int) tracker.active().stream().flatMap(i -> i.services().stream()).filter(s -> !uncounted.contains(s))
                .distinct().count();
    }

    /**
     * Marks the incident as being remediated. The loop diagnoses every incident before recovery
     * starts; an incident still OPEN here was handed to {@code recover} directly, without a
     * diagnosis, and is recorded as DIAGNOSED on the trigger's category alone, saying so.
     */
    void remediating(String incidentId, String workflow) {
        move(incidentId, () -> {
            Incident incident = incident(incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
            if (incident.status() == IncidentStatus.OPEN) {
                tracker.diagnose(incidentId, "not diagnosed: recovery acts on the trigger alone with workflow " + workflow,
                        Map.of("workflow", workflow, "diagnosed", "false"));
            }
            if (incident.status() != IncidentStatus.REMEDIATING) {
                tracker.remediate(incidentId, "workflow " + workflow + " runs");
            }
        });
    }

    void resolved(String incidentId, String workflow, String reason) {
        move(incidentId, () -> tracker.resolve(incidentId, "workflow:" + workflow, reason));
    }

    /**
     * A run ended with every step done and nothing checked against signals: the incident stays as it
     * is, to resolve when its own signals clear (or be escalated while they do not), with a note saying why.
     */
    void ranUnverified(String incidentId, String workflow) {
        move(incidentId, () -> tracker.note(incidentId, "workflow " + workflow + " is done; no step was verified "
                + "on fresh signals, so the incident resolves when its signals clear", Map.of("workflow", workflow)));
    }

    /**
     * A run that acted failed (rolled back or aborted): below the allowed attempts the incident goes
     * back to DIAGNOSED and {@code retry} hears of the run; at them it is escalated.
     */
    void failed(WorkflowRun run, String reason) {
        String id = run.incidentId();
        int failed = failedRuns.merge(id, 1, Integer::sum);
        if (failed < attempts && incident(id).map(i -> i.status() == IncidentStatus.REMEDIATING).orElse(false)) {
            String why = "recovery attempt " + failed + " of " + attempts + " failed (" + reason + "); trying again";
            audit(SELF, "run.retry", id, run.runId(), why, Map.of("workflow", run.workflow(),
                    "attempt", Integer.toString(failed), "attempts", Integer.toString(attempts)));
            move(id, () -> tracker.diagnose(id, why, Map.of("failedAttempts", Integer.toString(failed))));
            retry.accept(run);
            return;
        }
        failedRuns.remove(id);
        escalated(id, failed > 1 ? reason + " (" + failed + " failed attempts)" : reason);
    }

    void escalated(String incidentId, String reason) {
        move(incidentId, () -> {
            if (incident(incidentId).map(i -> i.status() != IncidentStatus.ESCALATED).orElse(false)) {
                tracker.escalate(incidentId, reason);
            }
        });
    }

    private void move(String incidentId, Runnable change) {
        try {
            change.run();
        } catch (IncidentNotFoundException | IllegalIncidentTransitionException e) {
            audit(SELF, "incident.unchanged", incidentId, "", e.getMessage(), Map.of());
        }
    }
}
