package io.homeostat.core.retry.internal;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.DelayAdvisor;
import io.homeostat.core.retry.Jitter;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryConfig;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The {@link Retry} of a {@link RetryConfig}. Thread-safe (if the config's predicates, advisor
 * and random source are), lock-free and allocation-free on every call.
 */
public final class DefaultRetry implements Retry {

    private final RetryConfig config;
    private final int maxAttempts;
    private final Backoff backoff;
    private final boolean fullJitter;
    private final DelayAdvisor advisor;
    private final Predicate<Throwable> retryOn;
    private final Predicate<Object> retryOnResult;
    private final boolean[] nonRetryable = new boolean[ErrorCategory.values().length];
    private final Supplier<RandomGenerator> random;
    /** Null when the budget is unlimited. */
    private final BudgetWindow budget;
    private final LongAdder retries = new LongAdder();
    private final LongAdder rejectedByBudget = new LongAdder();

    private DefaultRetry(RetryConfig config) {
        this.config = config;
        this.maxAttempts = config.maxAttempts();
        this.backoff = config.backoff();
        this.fullJitter = config.jitter() == Jitter.FULL;
        this.advisor = config.delayAdvisor();
        this.retryOn = config.retryOn();
        this.retryOnResult = config.retryOnResult();
        for (ErrorCategory category : config.nonRetryable()) {
            nonRetryable[category.ordinal()] = true;
        }
        this.random = config.random();
        this.budget = config.budget().limits()
                ? new BudgetWindow(config.budget(), Runtime.getRuntime().availableProcessors())
                : null;
    }

    /** @throws NullPointerException if {@code config} is null */
    public static DefaultRetry create(RetryConfig config) {
        return new DefaultRetry(Objects.requireNonNull(config, "config"));
    }

    /** The configuration this retry decides by. */
    public RetryConfig config() {
        return config;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public void onCall(long nowNanos) {
        if (budget != null) {
            budget.onCall(nowNanos);
        }
    }

    @Override
    public boolean retryOnResult(Object result) {
        return retryOnResult.test(result);
    }

    /** A null {@code category} counts as {@link ErrorCategory#UNKNOWN}. */
    @Override
    public boolean retryOnError(Throwable error, ErrorCategory category) {
        ErrorCategory known = category == null ? ErrorCategory.UNKNOWN : category;
        return !nonRetryable[known.ordinal()] && retryOn.test(error);
    }

    /** @throws IllegalArgumentException if {@code failedAttempt} is less than 1 */
    @Override
    public long delayNanos(int failedAttempt, long nowNanos) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt must be at least 1, was " + failedAttempt);
        }
        if (failedAttempt >= maxAttempts) {
            return NO_RETRY;
        }
        if (budget != null && !budget.tryAcquireRetry(nowNanos)) {
            rejectedByBudget.increment();
            return NO_RETRY;
        }
        retries.increment();
        long delay = advised(failedAttempt, backoff.delayNanos(failedAttempt));
        return fullJitter ? jittered(delay) : delay;
    }

    private long advised(int failedAttempt, long computed) {
        try {
            long advice = advisor.adviseNanos(failedAttempt, computed);
            return advice < 0 ? computed : advice;
        } catch (RuntimeException faultyAdvisor) {
            return computed;
        }
    }

    /** Uniform in {@code [0, delay]}. */
    private long jittered(long delay) {
        if (delay <= 0) {
            return 0;
        }
        RandomGenerator generator = random.get();
        return delay == Long.MAX_VALUE ? generator.nextLong(delay) : generator.nextLong(delay + 1);
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    @Override
    public long retriesRejectedByBudget() {
        return rejectedByBudget.sum();
    }

    @Override
    public String toString() {
        return "DefaultRetry[maxAttempts=" + maxAttempts + ", retries=" + retries() + ", rejectedByBudget="
                + retriesRejectedByBudget() + "]";
    }
}
