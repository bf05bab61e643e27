package io.homeostat.engine.alert.escalate;

import io.homeostat.core.time.Durations;
import io.homeostat.engine.port.EscalationTrigger;
import java.time.Duration;
import java.util.Objects;

/**
 * What one trigger does: which level it notifies and how long that level has to acknowledge
 * before the next level is notified. Immutable and thread-safe.
 *
 * @param trigger the trigger this rule answers
 * @param target the level to notify, relative to where the incident's escalation stands
 * @param levelName the level for {@link Target#NAMED}, empty otherwise
 * @param threshold for {@link EscalationTrigger#RECOVERY_FAILED}: the failed attempts needed
 *     (at least); for {@link EscalationTrigger#HIGH_IMPACT}: the share of services that must be
 *     exceeded; ignored by other triggers
 * @param ackTimeout how long the level has to acknowledge, positive
 */
public record EscalationRule(
        EscalationTrigger trigger, Target target, String levelName, double threshold, Duration ackTimeout) {

    /** Which level a rule notifies. */
    public enum Target {
        /** The first level. */
        FIRST,
        /** The level the incident's escalation is at (the first if none). */
        CURRENT,
        /** One level above where it is (the first if none; the top level stays). */
        NEXT,
        /** The level named by {@code levelName}, e.g. {@code incident-response}. */
        NAMED
    }

    /**
     * @throws IllegalArgumentException if {@code ackTimeout} is not positive, {@code threshold}
     *     is negative or not finite, or {@code levelName} is blank for {@link Target#NAMED} (or
     *     given for another target)
     */
    public EscalationRule {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(levelName, "levelName");
        if ((target == Target.NAMED) == levelName.isBlank()) {
            throw new IllegalArgumentException("a level name is required for NAMED targets and only for them");
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and not negative, was " + threshold);
        }
        Durations.requirePositive(ackTimeout, "ackTimeout");
    }

    /** A rule to {@code target} (not {@link Target#NAMED}) with no threshold. */
    public static EscalationRule of(EscalationTrigger trigger, Target target, Duration ackTimeout) {
        return new EscalationRule(trigger, target, "", 0, ackTimeout);
    }
}
