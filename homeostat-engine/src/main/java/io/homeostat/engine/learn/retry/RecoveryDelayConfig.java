package io.homeostat.engine.learn.retry;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How a {@link RecoveryDelayLearner} learns and bounds its advice. Immutable and thread-safe;
 * validated on creation (bad values are rejected, never clamped).
 *
 * <p>Knobs left out, and why: a per-dependency configuration (the bounds are about what a caller
 * can afford to wait, the same for every guard of one service), a minimum number of outages before
 * advising (the first outage is better than the blind backoff, and the bounds hold from the start).
 *
 * @param floor the shortest wait it advises (default 50 ms)
 * @param ceiling the longest wait it advises; longer recovery times are learned as this (default 30 s)
 * @param smoothing the weight of the newest recovery time in the moving average, in (0, 1] (default 0.3)
 * @param growth each further retry of one call waits this many times the previous one, at least 1
 *     (default 2: the first retry at the typical recovery time failed, so this outage is longer)
 */
public record RecoveryDelayConfig(Duration floor, Duration ceiling, double smoothing, double growth) {

    /**
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if the floor is negative, the ceiling below the floor or
     *     not positive, the smoothing not in (0, 1], or the growth not in [1, 10]
     */
    public RecoveryDelayConfig {
        Durations.requireNonNegative(floor, "floor");
        Durations.requireNonNegative(ceiling, "ceiling");
        if (ceiling.isZero() || ceiling.compareTo(floor) < 0) {
            throw new IllegalArgumentException("ceiling must be positive and at least the floor " + floor + ", was " + ceiling);
        }
        if (!(smoothing > 0 && smoothing <= 1)) {
            throw new IllegalArgumentException("smoothing must be in (0, 1], was " + smoothing);
        }
        if (!(growth >= 1 && growth <= 10)) {
            throw new IllegalArgumentException("growth must be in [1, 10], was " + growth);
        }
    }

    /** Every default: see the record's parameters. */
    public static RecoveryDelayConfig ofDefaults() {
        return new RecoveryDelayConfig(Duration.ofMillis(50), Duration.ofSeconds(30), 0.3, 2);
    }

    /** These settings with other bounds. */
    public RecoveryDelayConfig withBounds(Duration newFloor, Duration newCeiling) {
        return new RecoveryDelayConfig(newFloor, newCeiling, smoothing, growth);
    }
}
