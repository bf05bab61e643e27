package io.homeostat.engine.port;

import java.util.Optional;

/**
 * How the loop hands a problem to people, and asks whether a problem is already explained by
 * another one upstream. The recovery layer calls it; the alerting package implements it (the
 * alert manager, and a log-only implementation). Implementations are thread-safe.
 */
public interface Escalation {

    /**
     * Escalates per the configured policy: the trigger picks the on-call level and the
     * acknowledgement timeout; a request below the trigger's threshold is declined, not dropped
     * silently (the decision says why).
     *
     * @throws NullPointerException if {@code request} is null
     */
    EscalationDecision escalate(EscalationRequest request);

    /**
     * Stops following the incident: no further escalation after this call.
     *
     * @param who who resolved it (a person or {@code recovery})
     * @throws NullPointerException if an argument is null
     */
    void resolved(String incidentId, String who);

    /**
     * The critical problem upstream of {@code service} that explains its trouble, if any: the
     * same rule that inhibits the service's alerts. The recovery layer holds back automated
     * remediation of {@code service} while this is present (fix the cause, not the symptoms).
     *
     * @return the explaining upstream service and why; empty if nothing upstream explains it
     */
    Optional<UpstreamCause> upstreamCause(String service);
}
