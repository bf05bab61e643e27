package io.homeostat.engine.execute;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EscalationSink} over the alerting's {@link Escalation} port:
 * <ul>
 *   <li>{@code RECOVERY_FAILED} becomes {@link EscalationTrigger#RECOVERY_FAILED} with the count of
 *       failed runs for the incident so far (the escalation policy decides from how many it pages);</li>
 *   <li>a critical {@code ALERT} becomes {@link EscalationTrigger#CRITICAL};</li>
 *   <li>{@code APPROVAL_REJECTED} becomes {@link EscalationTrigger#APPROVAL_REJECTED};</li>
 *   <li>everything else (alerts, approvals needed, holds) becomes {@link EscalationTrigger#NEEDS_PERSON}.</li>
 * </ul>
 * Thread-safe. The failure counts live in memory, one entry per incident that failed.
 */
public final class EscalationPortSink implements EscalationSink {

    private final Escalation escalation;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public EscalationPortSink(Escalation escalation) {
        this.escalation = Objects.requireNonNull(escalation, "escalation");
    }

    @Override
    public void escalate(EscalationNotice n) {
        EscalationRequest request = switch (n.kind()) {
            case RECOVERY_FAILED -> EscalationRequest.recoveryFailed(n.incidentId(), n.service(), n.severity(),
                    failures.merge(n.incidentId(), 1, Integer::sum), n.message());
            case ALERT -> n.severity() == Severity.CRITICAL
                    ? EscalationRequest.critical(n.incidentId(), n.service(), n.message())
                    : needsPerson(n);
            case APPROVAL_REJECTED -> new EscalationRequest(EscalationTrigger.APPROVAL_REJECTED, n.incidentId(),
                    n.service(), n.severity(), n.message(), 0, 0);
            case APPROVAL_NEEDED, HELD -> needsPerson(n);
        };
        escalation.escalate(request);
    }

    private static EscalationRequest needsPerson(EscalationNotice n) {
        return new EscalationRequest(EscalationTrigger.NEEDS_PERSON, n.incidentId(), n.service(), n.severity(),
                n.message(), 0, 0);
    }
}
