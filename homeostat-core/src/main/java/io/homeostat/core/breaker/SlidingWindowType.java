package io.homeostat.core.breaker;

/** How a {@link CircuitBreaker}'s sliding window decides which calls it remembers. */
public enum SlidingWindowType {
    /** The last N calls, whenever they happened. */
    COUNT_BASED,
    /** The calls of the last N seconds, in one-second buckets. */
    TIME_BASED
}
