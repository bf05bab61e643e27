package io.homeostat.core.retry;

/**
 * A hook for learned waits: given the attempt that failed and the wait the {@link Backoff}
 * computed, answers the wait to use instead (before jitter). The learning layer feeds it from
 * history, e.g. how long this dependency took to recover last time.
 *
 * <p>Implementations must be thread-safe, fast and allocation-free: they run on the caller's
 * thread for every retry. A negative answer, or an exception, means "no advice" and the
 * computed wait is used.
 */
@FunctionalInterface
public interface DelayAdvisor {

    /** The advisor that keeps the computed wait; the default. */
    static DelayAdvisor none() {
        return (failedAttempt, computedNanos) -> computedNanos;
    }

    /**
     * The wait, in nanoseconds, before the attempt after {@code failedAttempt} (1-based).
     *
     * @param computedNanos what the configured backoff computed
     */
    long adviseNanos(int failedAttempt, long computedNanos);
}
