package io.homeostat.engine.loop;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.RecoveryAudit;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.UpstreamCause;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The escalation port as the recovery layer and automatic degradation use it: each request is
 * audited as {@code escalation.<trigger>} on its incident with what the port decided (who was
 * notified, or why nobody was), as {@link EscalationRules} audits its own. So an approval asked
 * for, a hold, a rejection or a failed recovery is in the audit trail even when the port declines
 * it. Thread-safe if the port and the audit are.
 */
record AuditedEscalation(Escalation escalation, RecoveryAudit audit, Clock clock) implements Escalation {

    AuditedEscalation {
        Objects.requireNonNull(escalation, "escalation");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EscalationDecision escalate(EscalationRequest request) {
        EscalationDecision decision = escalation.escalate(request);
        record(audit, clock, request, decision);
        return decision;
    }

    @Override
    public void resolved(String incidentId, String who) {
        escalation.resolved(incidentId, who);
    }

    @Override
    public Optional<UpstreamCause> upstreamCause(String service) {
        return escalation.upstreamCause(service);
    }

    /** Audits one request and its decision as {@code escalation.<trigger>} on the request's incident. */
    static void record(RecoveryAudit audit, Clock clock, EscalationRequest request, EscalationDecision decision) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("trigger", request.trigger().name());
        evidence.put("service", request.service());
        evidence.put("escalated", Boolean.toString(decision.escalated()));
        evidence.put("level", Integer.toString(decision.level()));
        if (!decision.target().isEmpty()) {
            evidence.put(AuditTrail.NOTIFIED, decision.target());
        }
        audit.record(new AuditEntry(clock.instant(), IncidentTracker.SELF, "escalation."
                + request.trigger().name().toLowerCase(Locale.ROOT), request.incidentId(), "",
                request.summary() + " -> " + decision.reason(), evidence));
    }
}
