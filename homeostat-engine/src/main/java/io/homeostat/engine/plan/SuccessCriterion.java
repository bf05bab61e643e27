package io.homeostat.engine.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A condition on a fresh signal that must hold continuously for {@code holdFor} after a step acted,
 * e.g. {@code error_rate below 0.01 for 30s}. Immutable.
 *
 * @param metric the metric read for the workflow's service, e.g. {@code error_rate}
 * @param below true if the value must stay below {@code threshold}, false if above it
 * @param threshold the bound (strict)
 * @param holdFor how long it must hold without a break, counted from the action or from the last
 *     reading that broke it (readings are taken on each orchestrator tick); zero means one good reading
 */
public record SuccessCriterion(String metric, boolean below, double threshold, Duration holdFor) {

    public SuccessCriterion {
        Objects.requireNonNull(metric, "metric");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, was " + threshold);
        }
        Objects.requireNonNull(holdFor, "holdFor");
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("holdFor must not be negative, was " + holdFor);
        }
    }

    /** True if {@code value} meets the bound. */
    public boolean test(double value) {
        return below ? value < threshold : value > threshold;
    }

    @Override
    public String toString() {
        return metric + (below ? " < " : " > ") + threshold + " for " + holdFor;
    }
}
