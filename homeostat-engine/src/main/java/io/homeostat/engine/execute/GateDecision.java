package io.homeostat.engine.execute;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the safety gate decided for one step, and why. Immutable.
 *
 * @param verdict what happens
 * @param rule the gate rule that decided, e.g. {@code cooldown}, {@code safety:prescriptive-no-cached-data}
 * @param reason in words, for the audit trail and for people
 * @param until when a {@link Verdict#WAIT} ends (empty for every other verdict)
 */
public record GateDecision(Verdict verdict, String rule, String reason, Optional<Instant> until) {

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
        Objects.requireNonNull(until, "until");
        if ((verdict == Verdict.WAIT) != until.isPresent()) {
            throw new IllegalArgumentException("a WAIT, and only a WAIT, has an end: " + verdict + " until " + until);
        }
    }

    /** A decision that is not a {@link Verdict#WAIT}. */
    public GateDecision(Verdict verdict, String rule, String reason) {
        this(verdict, rule, reason, Optional.empty());
    }

    /** A {@link Verdict#WAIT} that ends at {@code until}. */
    public static GateDecision waitUntil(Instant until, String rule, String reason) {
        return new GateDecision(Verdict.WAIT, rule, reason, Optional.of(until));
    }
}
