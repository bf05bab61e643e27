package io.homeostat.core.retry;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.retry.internal.DefaultRetry;

/**
 * Decides whether and when a failed attempt is tried again. The {@code Guard} runs the attempts;
 * a {@code Retry} only answers questions, and every answer on the success path is
 * allocation-free.
 *
 * <p>Implementations are thread-safe.
 */
public interface Retry {

    /** Returned by {@link #delayNanos} when no further attempt may be made. */
    long NO_RETRY = -1L;

    /** A retry with the defaults of {@link RetryConfig}: 3 attempts, exponential backoff with full jitter, a budget. */
    static Retry ofDefaults() {
        return of(RetryConfig.ofDefaults());
    }

    /**
     * A retry deciding by {@code config}.
     *
     * @throws NullPointerException if {@code config} is null
     */
    static Retry of(RetryConfig config) {
        return DefaultRetry.create(config);
    }

    /** A builder of a retry, starting from the defaults of {@link RetryConfig}. */
    static RetryConfig.Builder<Retry> builder() {
        return new RetryConfig.Builder<>(Retry::of);
    }

    /** Attempts in all, the first included (default 3). */
    int maxAttempts();

    /**
     * Counts one guarded call (not attempt) for the retry budget, at monotonic time {@code nowNanos}.
     * Called on every call: allocation-free and cheap under contention.
     */
    void onCall(long nowNanos);

    /** Whether a returned {@code result} should be retried (retry-on-result predicate; default never). */
    boolean retryOnResult(Object result);

    /**
     * Whether a thrown {@code error} of {@code category} may be retried: the retry-on-exception
     * predicate, minus non-retryable categories (default: retry everything but
     * {@link ErrorCategory#QUOTA_EXCEEDED} and {@link ErrorCategory#REJECTED}).
     */
    boolean retryOnError(Throwable error, ErrorCategory category);

    /**
     * The wait before attempt {@code failedAttempt + 1}, after attempt {@code failedAttempt}
     * (1-based) failed, taking one unit of the retry budget; or {@link #NO_RETRY} when attempts
     * or budget are used up.
     */
    long delayNanos(int failedAttempt, long nowNanos);

    /**
     * Retries granted by {@link #delayNanos} so far. Implementations that do not count answer 0
     * (this default).
     */
    default long retries() {
        return 0L;
    }

    /**
     * Retries refused by the retry budget so far (attempts still left, budget used up).
     * Implementations that do not count answer 0 (this default).
     */
    default long retriesRejectedByBudget() {
        return 0L;
    }
}
