package io.homeostat.engine.incident;

import io.homeostat.engine.detect.RepeatingDetector;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link IncidentTracker} joins, resolves and watches incidents. Immutable and thread-safe;
 * validated on creation (bad values are rejected, never clamped).
 *
 * <p>Knobs left out, and why: per-service or per-severity hold periods (one hold period is easy to
 * reason about; a detector whose condition lasts repeats its firing, at least every {@link #firingRepeat()}), a cap on active incidents (each
 * is a real problem; dropping one would lose it silently), and the incident id scheme (random
 * UUIDs are unique across replicas without coordination).
 *
 * @param correlationWindow how recently an active incident must have had a firing detection for a
 *     detection on a related service to join it (default 5 min)
 * @param holdPeriod how long every fingerprint of an incident must have been cleared, or silent,
 *     before it resolves by itself (default 5 min)
 * @param flapThreshold K: an incident whose fingerprint already resolved K times within the flap
 *     window is marked flapping instead of resolving a (K+1)th time (default 3)
 * @param flapWindow the window the flap threshold counts over; a flapping incident resolves only
 *     after being quiet for this long (default 1 h)
 * @param tickInterval how often {@link IncidentTracker#start} evaluates resolution (default 10 s)
 * @param transitionInterval the least time between two firing/clearing transitions of one
 *     fingerprint that are written and told one by one (default 1 s; zero tells every one). A
 *     transition sooner than that moves the tracker's state at once, but is written to the
 *     timeline and told to listeners with the ones after it, as the fingerprint's latest state and
 *     their count, once the interval has passed: on the fingerprint's next detection or the next
 *     tick. A fingerprint flipping at the rate of its samples costs one write a second, not one a
 *     sample, and alerting follows its settled state.
 */
public record IncidentTrackerConfig(Duration correlationWindow, Duration holdPeriod, int flapThreshold,
        Duration flapWindow, Duration tickInterval, Duration transitionInterval) {

    /** Default {@link #correlationWindow()}: 5 minutes. */
    public static final Duration DEFAULT_CORRELATION_WINDOW = Duration.ofMinutes(5);
    /** Default {@link #holdPeriod()}: 5 minutes. */
    public static final Duration DEFAULT_HOLD_PERIOD = Duration.ofMinutes(5);
    /** Default {@link #flapThreshold()}: 3. */
    public static final int DEFAULT_FLAP_THRESHOLD = 3;
    /** Default {@link #flapWindow()}: 1 hour. */
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofHours(1);
    /** Default {@link #tickInterval()}: 10 seconds. */
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(10);
    /** Default {@link #transitionInterval()}: 1 second. */
    public static final Duration DEFAULT_TRANSITION_INTERVAL = Duration.ofSeconds(1);

    /**
     * Validates the configuration.
     *
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if a duration is not positive ({@code transitionInterval}:
     *     negative), {@code flapThreshold} is
     *     below 1, {@code flapWindow} is not longer than {@code holdPeriod} (no incident could
     *     flap), or {@code tickInterval} is longer than {@code holdPeriod}
     */
    public IncidentTrackerConfig {
        requirePositive(correlationWindow, "correlationWindow");
        requirePositive(holdPeriod, "holdPeriod");
        requirePositive(flapWindow, "flapWindow");
        requirePositive(tickInterval, "tickInterval");
        Objects.requireNonNull(transitionInterval, "transitionInterval");
        if (transitionInterval.isNegative()) {
            throw new IllegalArgumentException("transitionInterval must not be negative, was " + transitionInterval);
        }
        if (flapThreshold < 1) {
            throw new IllegalArgumentException("flapThreshold must be at least 1, was " + flapThreshold);
        }
        if (flapWindow.compareTo(holdPeriod) <= 0) {
            throw new IllegalArgumentException(
                    "flapWindow (" + flapWindow + ") must be longer than holdPeriod (" + holdPeriod + ")");
        }
        if (tickInterval.compareTo(holdPeriod) > 0) {
            throw new IllegalArgumentException(
                    "tickInterval (" + tickInterval + ") must not be longer than holdPeriod (" + holdPeriod + ")");
        }
    }

    /** A configuration with the default {@link #transitionInterval()}; validated like the canonical constructor. */
    public IncidentTrackerConfig(Duration correlationWindow, Duration holdPeriod, int flapThreshold,
            Duration flapWindow, Duration tickInterval) {
        this(correlationWindow, holdPeriod, flapThreshold, flapWindow, tickInterval, DEFAULT_TRANSITION_INTERVAL);
    }

    /**
     * Every default: correlation 5 min, hold 5 min, flapping after 3 resolutions in 1 h, tick 10 s,
     * transitions told at most once a second per fingerprint.
     */
    public static IncidentTrackerConfig ofDefaults() {
        return new IncidentTrackerConfig(DEFAULT_CORRELATION_WINDOW, DEFAULT_HOLD_PERIOD, DEFAULT_FLAP_THRESHOLD,
                DEFAULT_FLAP_WINDOW, DEFAULT_TICK_INTERVAL);
    }

    /**
     * How often, at most, a detector whose condition lasts must say FIRING again for this tracker to
     * keep its incident open (see {@link RepeatingDetector}): half the
     * {@link #holdPeriod()}, and no more than
     * {@link RepeatingDetector#DEFAULT_REPEAT} (1 min): 1 min with the
     * defaults, 4 s with an 8 s hold.
     */
    public Duration firingRepeat() {
        Duration half = holdPeriod.dividedBy(2);
        return half.compareTo(RepeatingDetector.DEFAULT_REPEAT) < 0 ? half : RepeatingDetector.DEFAULT_REPEAT;
    }

    /** This configuration with another {@link #correlationWindow()}; validated like the constructor. */
    public IncidentTrackerConfig withCorrelationWindow(Duration window) {
        return new IncidentTrackerConfig(window, holdPeriod, flapThreshold, flapWindow, tickInterval, transitionInterval);
    }

    /** This configuration with another {@link #holdPeriod()}; validated like the constructor. */
    public IncidentTrackerConfig withHoldPeriod(Duration hold) {
        return new IncidentTrackerConfig(correlationWindow, hold, flapThreshold, flapWindow, tickInterval, transitionInterval);
    }

    /** This configuration with another flap threshold and window; validated like the constructor. */
    public IncidentTrackerConfig withFlapping(int threshold, Duration window) {
        return new IncidentTrackerConfig(correlationWindow, holdPeriod, threshold, window, tickInterval, transitionInterval);
    }

    /** This configuration with another {@link #tickInterval()}; validated like the constructor. */
    public IncidentTrackerConfig withTickInterval(Duration interval) {
        return new IncidentTrackerConfig(correlationWindow, holdPeriod, flapThreshold, flapWindow, interval, transitionInterval);
    }

    /** This configuration with another {@link #transitionInterval()}; validated like the constructor. */
    public IncidentTrackerConfig withTransitionInterval(Duration interval) {
        return new IncidentTrackerConfig(correlationWindow, holdPeriod, flapThreshold, flapWindow, tickInterval, interval);
    }

    private static void requirePositive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
