package io.homeostat.core.retry;

/**
 * How a computed wait is spread out, so that callers failing together do not retry together.
 * Immutable, hence thread-safe.
 */
public enum Jitter {
    /** The computed wait, as is. */
    NONE,
    /** A wait drawn uniformly from {@code [0, computed]} ("full jitter"); the default. */
    FULL
}
