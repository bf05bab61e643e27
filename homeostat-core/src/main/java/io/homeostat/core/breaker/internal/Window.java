package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.SlidingWindowType;
import io.homeostat.core.breaker.WindowSnapshot;

/**
 * A sliding window of call outcomes. Outcomes are small codes: {@link #CALL} plus optionally
 * {@link #FAILURE} and {@link #SLOW}. Thread-safe; {@link #record} is lock-free and
 * allocation-free.
 */
interface Window {

    /** Set in every recorded outcome's code. */
    int CALL = 1;
    /** The call failed. */
    int FAILURE = 2;
    /** The call was slow. */
    int SLOW = 4;

    /** A new empty window of the configured type and size. */
    static Window of(CircuitBreakerConfig config) {
        return config.slidingWindowType() == SlidingWindowType.COUNT_BASED
                ? new CountWindow(config.slidingWindowSize())
                : new TimeWindow(config.slidingWindowSize());
    }

    /** The code of an outcome. */
    static int code(boolean failure, boolean slow) {
        return CALL | (failure ? FAILURE : 0) | (slow ? SLOW : 0);
    }

    /** Records one outcome of a call that ended at {@code nowNanos}. */
    void record(long nowNanos, int code);

    /** The counts as of {@code nowNanos}, with the given run of consecutive failures. */
    WindowSnapshot snapshot(long nowNanos, int consecutiveFailures);

    /**
     * Loads counts into this empty window, before it is shared with other threads. Counts that do
     * not fit are scaled down, keeping the rates.
     */
    void fill(long nowNanos, WindowSnapshot counts);

    /** Scales {@code part} of {@code whole} to a share of {@code target}. */
    static int scale(long part, long whole, long target) {
        return whole <= target ? (int) part : (int) ((double) part * target / whole);
    }
}
