package io.homeostat.engine.port;

/**
 * Why a problem is handed to people. The default escalation policy (see
 * {@code io.homeostat.engine.alert.escalate.EscalationPolicy#defaults()}) maps each to a level
 * and an acknowledgement timeout.
 */
public enum EscalationTrigger {
    /** The problem is critical: notify the first on-call level at once (default ack timeout 5 min). */
    CRITICAL,
    /** Automated recovery failed repeatedly (default: 3 attempts): the next level (15 min). */
    RECOVERY_FAILED,
    /** A large share of the services is affected (default: more than 50 %): incident response (10 min). */
    HIGH_IMPACT,
    /** Nobody acknowledged within the timeout: the next level. */
    UNACKNOWLEDGED,
    /** The problem outlived the time recovery had for it: the next level. */
    UNRESOLVED,
    /** Automation stands aside (a limit, a forbidden or expired action, an approval to give): the current level. */
    NEEDS_PERSON,
    /**
     * The incident keeps coming back (its fingerprint resolved too often; see
     * {@code IncidentTracker}): automated action stops and a person should look, at once, once per
     * incident: the current level (5 min).
     */
    FLAPPING,
    /** A person rejected a high-risk recovery step: the incident is theirs now; the current level (5 min). */
    APPROVAL_REJECTED
}
