package io.homeostat.engine.alert;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * When an alert counts as flapping: at least {@code transitions} changes between firing and
 * resolved within {@code window}. A flapping alert's notifications hold at what people last
 * saw until it has been steady for a whole window. Immutable and thread-safe.
 *
 * @param transitions changes that make an alert flap, at least 2; default 4
 * @param window how far back to count, positive; default 10 minutes
 */
public record FlapPolicy(int transitions, Duration window) {

    /**
     * @throws IllegalArgumentException if {@code transitions} is below 2 or {@code window} is not
     *     positive
     */
    public FlapPolicy {
        if (transitions < 2) {
            throw new IllegalArgumentException("transitions must be at least 2, was " + transitions);
        }
        Durations.requirePositive(window, "window");
    }

    /** 4 transitions in 10 minutes. */
    public static FlapPolicy defaults() {
        return new FlapPolicy(4, Duration.ofMinutes(10));
    }
}
