package io.homeostat.engine.learn.threshold;

import io.homeostat.engine.detect.threshold.ThresholdRule;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link ThresholdAdapter#adapt} decided. Immutable and thread-safe.
 *
 * @param decision whether the threshold changed, and if not why
 * @param rule the rule to use from now on: the new one when {@link Decision#CHANGED}, else the
 *     one given
 * @param reason one sentence for people
 * @param evidence the numbers behind it (empty for {@link Decision#TOO_LITTLE_HISTORY} apart
 *     from the sample counts)
 */
public record ThresholdAdaptation(Decision decision, ThresholdRule rule, String reason, Map<String, String> evidence) {

    /** What the adapter did with a rule. */
    public enum Decision {
        /** The threshold moved by more than the tolerance; the change was audited. */
        CHANGED,
        /** The computed threshold is within the tolerance of the current one: nothing changed. */
        KEPT,
        /** Too few normal or problem samples to judge: nothing changed. */
        TOO_LITTLE_HISTORY
    }

    public ThresholdAdaptation {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        evidence = Map.copyOf(evidence);
    }

    /** True if the threshold changed. */
    public boolean changed() {
        return decision == Decision.CHANGED;
    }
}
