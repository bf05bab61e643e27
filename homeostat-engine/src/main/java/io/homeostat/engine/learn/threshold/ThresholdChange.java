package io.homeostat.engine.learn.threshold;

import io.homeostat.engine.detect.threshold.ThresholdRule;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A threshold the adapter changed, for the audit trail. Immutable and thread-safe.
 *
 * @param before the rule as it was
 * @param after the rule as it is to be
 * @param reason one sentence for people
 * @param evidence what the change rests on: sample counts, false-positive and false-negative rates
 *     before and after, the targets and which held, whether a bound stopped it
 * @param time when it was decided (the adapter's clock)
 */
public record ThresholdChange(ThresholdRule before, ThresholdRule after, String reason, Map<String, String> evidence,
        Instant time) {

    public ThresholdChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(reason, "reason");
        evidence = Map.copyOf(evidence);
        Objects.requireNonNull(time, "time");
    }

    /** The threshold before the change. */
    public double oldThreshold() {
        return before.threshold();
    }

    /** The threshold after the change. */
    public double newThreshold() {
        return after.threshold();
    }
}
