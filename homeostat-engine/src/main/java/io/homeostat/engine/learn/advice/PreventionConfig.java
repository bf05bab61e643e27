package io.homeostat.engine.learn.advice;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * Whether and how far ahead a {@link PatternAdvisor} suggests preventive actions. Immutable and
 * thread-safe; validated on creation (bad values are rejected, never clamped).
 *
 * <p>Knobs left out, and why: the risk allowed for prevention (always low: nothing is wrong yet),
 * and predictions for co-occurrences (they say that two services fail together, not when).
 *
 * @param enabled the flag: false (the default) means no suggestion is ever made
 * @param lead how long before a predicted recurrence a suggestion is made (default 15 min)
 * @param minConfidence the pattern confidence a prediction needs, in [0, 1] (default 0.6)
 */
public record PreventionConfig(boolean enabled, Duration lead, double minConfidence) {

    /**
     * @throws NullPointerException if {@code lead} is null
     * @throws IllegalArgumentException if {@code lead} is not positive or longer than a day, or
     *     {@code minConfidence} is not in [0, 1]
     */
    public PreventionConfig {
        Durations.requireNonNegative(lead, "lead");
        if (lead.isZero() || lead.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("lead must be in (0, 1 d], was " + lead);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in [0, 1], was " + minConfidence);
        }
    }

    /** Prevention off: the default. */
    public static PreventionConfig off() {
        return new PreventionConfig(false, Duration.ofMinutes(15), 0.6);
    }

    /** Prevention on with the default lead and confidence. */
    public static PreventionConfig on() {
        return new PreventionConfig(true, Duration.ofMinutes(15), 0.6);
    }
}
