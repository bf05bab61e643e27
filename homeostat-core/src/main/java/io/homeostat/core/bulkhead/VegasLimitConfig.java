package io.homeostat.core.bulkhead;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How a Vegas-style adaptive bulkhead moves its limit, after TCP Vegas: the ratio of the
 * dependency's no-load latency to a call's latency says how many of the calls in flight are
 * queueing rather than being served, {@code queue = limit × (1 − noLoad / latency)}. Below
 * {@code alpha} queued calls (and with at least half the limit in use) the limit grows, above
 * {@code beta} it shrinks, each by {@code 1 / limit} per call, i.e. about one per round of
 * {@code limit} calls; in between it holds. A call released as overloaded (a timeout or a
 * rejection by the dependency) multiplies the limit by {@code decreaseFactor}.
 *
 * <p>The no-load latency is the fastest call that ended with at most half the limit in flight,
 * over the current and the previous {@code noLoadWindow}; a window without such a call keeps the
 * older estimate. So it follows a dependency whose own latency moved (within two windows of
 * calls at low load), but calls that always queue, because callers keep every slot busy, never
 * pass for no-load ones: the limit does not creep up under sustained saturation. The price: if
 * the dependency's own latency rises while callers keep it saturated, the limit settles low
 * (where {@code limit × (1 − old/new latency)} is {@code beta}) until a quieter moment shows the
 * new no-load latency.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param initialLimit the limit at start (default 20)
 * @param minLimit the smallest limit (default 1)
 * @param maxLimit the largest limit (default 200)
 * @param alpha queued calls below which the limit grows (default 3)
 * @param beta queued calls above which the limit shrinks (default 6); greater than {@code alpha}
 * @param decreaseFactor what the limit is multiplied by on overload, in (0, 1) (default 0.9)
 * @param noLoadWindow how long the fastest call counts as the no-load latency, then one more
 *     window (default 30 s)
 */
public record VegasLimitConfig(
        int initialLimit, int minLimit, int maxLimit, int alpha, int beta, double decreaseFactor,
        Duration noLoadWindow) {

    private static final VegasLimitConfig DEFAULTS =
            new VegasLimitConfig(20, 1, 200, 3, 6, 0.9, Duration.ofSeconds(30));

    /**
     * @throws IllegalArgumentException if {@code minLimit} is less than 1, the limits are not
     *     ordered {@code minLimit <= initialLimit <= maxLimit}, {@code alpha} is negative,
     *     {@code beta} is not greater than {@code alpha}, {@code decreaseFactor} is not within
     *     (0, 1) or {@code noLoadWindow} is not positive
     * @throws NullPointerException if {@code noLoadWindow} is null
     */
    public VegasLimitConfig {
        if (minLimit < 1) {
            throw new IllegalArgumentException("minLimit must be at least 1, was " + minLimit);
        }
        if (initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("limits must satisfy minLimit <= initialLimit <= maxLimit, were "
                    + minLimit + " <= " + initialLimit + " <= " + maxLimit);
        }
        if (alpha < 0 || beta <= alpha) {
            throw new IllegalArgumentException("alpha and beta must satisfy 0 <= alpha < beta, were "
                    + alpha + " and " + beta);
        }
        if (!(decreaseFactor > 0.0 && decreaseFactor < 1.0)) {
            throw new IllegalArgumentException("decreaseFactor must be within (0, 1), was " + decreaseFactor);
        }
        Durations.requirePositive(noLoadWindow, "noLoadWindow");
    }

    /** The defaults: limit 20 within 1..200, alpha 3, beta 6, decrease factor 0.9, no-load window 30 s. */
    public static VegasLimitConfig ofDefaults() {
        return DEFAULTS;
    }

    /** This config with other limits. */
    public VegasLimitConfig withLimits(int initialLimit, int minLimit, int maxLimit) {
        return new VegasLimitConfig(initialLimit, minLimit, maxLimit, alpha, beta, decreaseFactor, noLoadWindow);
    }

    /** This config with other queue bounds. */
    public VegasLimitConfig withQueue(int alpha, int beta) {
        return new VegasLimitConfig(initialLimit, minLimit, maxLimit, alpha, beta, decreaseFactor, noLoadWindow);
    }

    /** This config with another no-load window. */
    public VegasLimitConfig withNoLoadWindow(Duration noLoadWindow) {
        return new VegasLimitConfig(initialLimit, minLimit, maxLimit, alpha, beta, decreaseFactor, noLoadWindow);
    }
}
