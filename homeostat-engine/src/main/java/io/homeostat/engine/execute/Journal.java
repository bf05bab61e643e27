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
import java.util.concurrent.atomic.AtomicLong;

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

    Journal(RecoveryAudit audit, EscalationSink escalation, IncidentTracker tracker, Clock clock) {
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

    int failingServices() {
        return (int) tracker.active().stream().flatMap(i -> i.services().stream()).distinct().count();
    }

    /** Marks the incident as being remediated, diagnosing it first if it is only open. */
    void remediating(String incidentId, String workflow) {
        move(incidentId, () -> {
            Incident incident = incident(incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
            if (incident.status() == IncidentStatus.OPEN) {
                tracker.diagnose(incidentId, "recovery chose workflow " + workflow, Map.of("workflow", workflow));
            }
            if (incident.status() != IncidentStatus.REMEDIATING) {
                tracker.remediate(incidentId, "workflow " + workflow + " runs");
            }
        });
    }

    void resolved(String incidentId, String workflow, String reason) {
        move(incidentId, () -> tracker.resolve(incidentId, "workflow:" + workflow, reason));
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
