package io.homeostat.engine.execute;

import java.util.Objects;

/**
 * What the safety gate decided for one step, and why. Immutable.
 *
 * @param verdict what happens
 * @param rule the gate rule that decided, e.g. {@code cooldown}, {@code safety:prescriptive-no-cached-data}
 * @param reason in words, for the audit trail and for people
 */
public record GateDecision(Verdict verdict, String rule, String reason) {

    /** What happens to the step. */
    public enum Verdict {
        /** It acts. */
        ACT,
        /** It records what it would do and acts on nothing (shadow, monitor). */
        SHADOW,
        /** It waits for a person's approval. */
        APPROVAL,
        /** Recovery stops here and escalates: a limit, mass failure, flapping, a flag. */
        HOLD,
        /**
         * The step waits and is asked again on the next tick: the same action ran on the service
         * within the cooldown, which ends by itself (the workflow's timeout bounds the wait).
         */
        WAIT,
        /** The safety policy forbids the action for these calls: the step fails without acting. */
        FORBID
    }

    public GateDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }
}
