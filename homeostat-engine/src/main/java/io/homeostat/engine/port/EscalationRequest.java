package io.homeostat.engine.port;

import io.homeostat.engine.detect.Severity;
import java.util.Objects;

/**
 * What the recovery layer asks of people: escalate one incident, for one reason. Immutable and
 * thread-safe.
 *
 * @param trigger why
 * @param incidentId the incident, the key under which escalations of one problem are followed
 * @param service the service the incident is about (its suspected root service if known)
 * @param severity how much it matters
 * @param summary one sentence for people
 * @param failedAttempts failed recovery attempts so far (0 if none); read by
 *     {@link EscalationTrigger#RECOVERY_FAILED}
 * @param impact share of the services affected, in [0, 1]; read by
 *     {@link EscalationTrigger#HIGH_IMPACT}
 */
public record EscalationRequest(
        EscalationTrigger trigger,
        String incidentId,
        String service,
        Severity severity,
        String summary,
        int failedAttempts,
        double impact) {

    /**
     * @throws NullPointerException if a reference is null
     * @throws IllegalArgumentException if a name is blank, {@code failedAttempts} is negative or
     *     {@code impact} is outside [0, 1]
     */
    public EscalationRequest {
        Objects.requireNonNull(trigger, "trigger");
        requireName(incidentId, "incidentId");
        requireName(service, "service");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failedAttempts must not be negative, was " + failedAttempts);
        }
        if (!(impact >= 0 && impact <= 1)) {
            throw new IllegalArgumentException("impact must be in [0, 1], was " + impact);
        }
    }

    /** A critical problem: page now. */
    public static EscalationRequest critical(String incidentId, String service, String summary) {
        return new EscalationRequest(EscalationTrigger.CRITICAL, incidentId, service, Severity.CRITICAL, summary, 0, 0);
    }

    /** Recovery failed {@code attempts} times. */
    public static EscalationRequest recoveryFailed(
            String incidentId, String service, Severity severity, int attempts, String summary) {
        return new EscalationRequest(
                EscalationTrigger.RECOVERY_FAILED, incidentId, service, severity, summary, attempts, 0);
    }

    /** {@code impact} of the services are affected. */
    public static EscalationRequest highImpact(
            String incidentId, String service, Severity severity, double impact, String summary) {
        return new EscalationRequest(EscalationTrigger.HIGH_IMPACT, incidentId, service, severity, summary, 0, impact);
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
