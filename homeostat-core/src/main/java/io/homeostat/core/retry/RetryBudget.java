package io.homeostat.core.retry;

import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * Caps retries at a fraction of calls over a sliding window, so a failing dependency cannot
 * cause a retry storm: within the last {@code window}, retries granted never exceed
 * {@code ratio * calls + minRetriesPerSecond * window-in-seconds}. The second term lets
 * services with little traffic still retry. The window slides in tenths of its length.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param ratio retries allowed per call (default 0.2); {@code Double.POSITIVE_INFINITY} turns
 *     the budget off, see {@link #unlimited()}
 * @param window how far back calls and retries count (default 10 s; at least 100 ms)
 * @param minRetriesPerSecond retries allowed whatever the traffic (default 10)
 */
public record RetryBudget(double ratio, Duration window, int minRetriesPerSecond) {

    /** The shortest window: its tenths must be long enough to count in. */
    public static final Duration MIN_WINDOW = Duration.ofMillis(100);

    /**
     * @throws IllegalArgumentException if {@code ratio} is negative or NaN, {@code window} is
     *     shorter than {@link #MIN_WINDOW} or longer than {@link Durations#LONGEST}, or
     *     {@code minRetriesPerSecond} is negative
     * @throws NullPointerException if {@code window} is null
     */
    public RetryBudget {
        if (!(ratio >= 0.0)) {
            throw new IllegalArgumentException("ratio must be zero or positive, was " + ratio);
        }
        Durations.requirePositive(window, "window");
        if (window.compareTo(MIN_WINDOW) < 0) {
            throw new IllegalArgumentException("window must be at least " + MIN_WINDOW + ", was " + window);
        }
        if (minRetriesPerSecond < 0) {
            throw new IllegalArgumentException("minRetriesPerSecond must not be negative, was " + minRetriesPerSecond);
        }
    }

    /** The default budget: 20% of calls in the last 10 s, plus 10 retries per second. */
    public static RetryBudget ofDefaults() {
        return new RetryBudget(0.2, Duration.ofSeconds(10), 10);
    }

    /** No budget: only the attempt limit bounds retries. */
    public static RetryBudget unlimited() {
        return new RetryBudget(Double.POSITIVE_INFINITY, Duration.ofSeconds(10), 0);
    }

    /** Whether this budget limits retries at all (false for {@link #unlimited()}). */
    public boolean limits() {
        return ratio != Double.POSITIVE_INFINITY;
    }

    /** The retries allowed in a window whatever the traffic: {@code minRetriesPerSecond * window}. */
    public long reserve() {
        return (long) (minRetriesPerSecond * (window.toNanos() / 1e9));
    }
}
