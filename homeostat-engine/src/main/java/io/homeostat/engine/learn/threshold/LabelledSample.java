package io.homeostat.engine.learn.threshold;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of a series with what was true at the time: whether there was a real problem (an
 * incident confirmed by people or by a verified recovery). Immutable and thread-safe.
 *
 * @param value the series' value
 * @param problem true if a real problem was going on
 * @param time when the value was observed
 */
public record LabelledSample(double value, boolean problem, Instant time) {

    /**
     * @throws IllegalArgumentException if the value is not finite
     * @throws NullPointerException if the time is null
     */
    public LabelledSample {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
        Objects.requireNonNull(time, "time");
    }
}
