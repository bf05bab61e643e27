package io.homeostat.core.retry;

import io.homeostat.core.classify.ErrorCategory;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * How a {@link Retry} decides. Immutable (the predicates and suppliers must be thread-safe),
 * hence thread-safe.
 *
 * @param maxAttempts attempts in all, the first included (default 3); 1 turns retries off
 * @param backoff the wait before jitter (default {@link Backoff#exponential()}: 1 s, doubling,
 *     at most 30 s)
 * @param jitter how the wait is spread (default {@link Jitter#FULL})
 * @param delayAdvisor a hook for learned waits (default {@link DelayAdvisor#none()})
 * @param retryOn which thrown errors may be retried (default all)
 * @param retryOnResult which returned results are retried as failures (default none); may be
 *     given null results
 * @param nonRetryable categories never retried, whatever {@code retryOn} says (default
 *     {@code QUOTA_EXCEEDED} and {@code REJECTED})
 * @param budget the cap on retries per calls (default {@link RetryBudget#ofDefaults()})
 * @param random the source of jitter, asked once per jittered wait on the retrying thread and
 *     used at once (default {@code ThreadLocalRandom::current}); tests pass a seeded generator
 */
public record RetryConfig(
        int maxAttempts,
        Backoff backoff,
        Jitter jitter,
        DelayAdvisor delayAdvisor,
        Predicate<Throwable> retryOn,
        Predicate<Object> retryOnResult,
        Set<ErrorCategory> nonRetryable,
        RetryBudget budget,
        Supplier<RandomGenerator> random) {

    /**
     * Copies {@code nonRetryable} into an unmodifiable set.
     *
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     * @throws NullPointerException if a component (or a category in {@code nonRetryable}) is null
     */
    public RetryConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(delayAdvisor, "delayAdvisor");
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(retryOnResult, "retryOnResult");
        Objects.requireNonNull(nonRetryable, "nonRetryable");
        EnumSet<ErrorCategory> categories = EnumSet.noneOf(ErrorCategory.class);
        for (ErrorCategory category : nonRetryable) {
            categories.add(Objects.requireNonNull(category, "nonRetryable category"));
        }
        nonRetryable = Collections.unmodifiableSet(categories);
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(random, "random");
    }

    /** The defaults listed on the components. */
    public static RetryConfig ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder<RetryConfig> builder() {
        return new Builder<>(Function.identity());
    }

    /**
     * Builds a {@link RetryConfig}, or what is made of one ({@link Retry#builder()} builds a
     * {@link Retry}). Every setter documents its default. Not thread-safe.
     *
     * @param <T> what {@link #build()} returns
     */
    public static final class Builder<T> {
        private final Function<RetryConfig, T> finish;
        private int maxAttempts = 3;
        private Backoff backoff = Backoff.exponential();
        private Jitter jitter = Jitter.FULL;
        private DelayAdvisor delayAdvisor = DelayAdvisor.none();
        private Predicate<Throwable> retryOn = error -> true;
        private Predicate<Object> retryOnResult = result -> false;
        private Set<ErrorCategory> nonRetryable = EnumSet.of(ErrorCategory.QUOTA_EXCEEDED, ErrorCategory.REJECTED);
        private RetryBudget budget = RetryBudget.ofDefaults();
        private Supplier<RandomGenerator> random = ThreadLocalRandom::current;

        Builder(Function<RetryConfig, T> finish) {
            this.finish = finish;
        }

        /** Attempts in all, the first included (default 3). */
        public Builder<T> maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before jitter (default exponential: 1 s, doubling, at most 30 s). */
        public Builder<T> backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** How the wait is spread (default {@link Jitter#FULL}). */
        public Builder<T> jitter(Jitter jitter) {
            this.jitter = jitter;
            return this;
        }

        /** A hook for learned waits (default {@link DelayAdvisor#none()}). */
        public Builder<T> delayAdvisor(DelayAdvisor delayAdvisor) {
            this.delayAdvisor = delayAdvisor;
            return this;
        }

        /** Which thrown errors may be retried (default all). */
        public Builder<T> retryOn(Predicate<Throwable> retryOn) {
            this.retryOn = retryOn;
            return this;
        }

        /** Which returned results are retried as failures (default none). */
        public Builder<T> retryOnResult(Predicate<Object> retryOnResult) {
            this.retryOnResult = retryOnResult;
            return this;
        }

        /** Categories never retried (default {@code QUOTA_EXCEEDED}, {@code REJECTED}); replaces the set. */
        public Builder<T> nonRetryable(Set<ErrorCategory> nonRetryable) {
            this.nonRetryable = nonRetryable;
            return this;
        }

        /** The cap on retries per calls (default {@link RetryBudget#ofDefaults()}). */
        public Builder<T> budget(RetryBudget budget) {
            this.budget = budget;
            return this;
        }

        /** The source of jitter (default {@code ThreadLocalRandom::current}). */
        public Builder<T> random(Supplier<RandomGenerator> random) {
            this.random = random;
            return this;
        }

        /**
         * Builds.
         *
         * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
         * @throws NullPointerException if a setter was given null
         */
        public T build() {
            return finish.apply(new RetryConfig(maxAttempts, backoff, jitter, delayAdvisor, retryOn,
                    retryOnResult, nonRetryable, budget, random));
        }
    }
}
