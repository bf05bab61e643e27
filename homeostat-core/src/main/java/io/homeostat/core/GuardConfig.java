package io.homeostat.core;

import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.bulkhead.AdaptiveLimitConfig;
import io.homeostat.core.record.RecorderConfig;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A named recipe for guards: which policies, with which settings. A {@link GuardRegistry} builds
 * one guard per dependency from it. Immutable and thread-safe.
 */
public final class GuardConfig {

    private static final GuardConfig EMPTY = builder().build();

    private final CircuitBreakerConfig circuitBreaker;
    private final RetryConfig retry;
    private final Duration timeout;
    private final int maxConcurrentCalls;
    private final AdaptiveLimitConfig adaptiveLimit;
    private final RecorderConfig recording;

    private GuardConfig(Builder builder) {
        this.circuitBreaker = builder.circuitBreaker;
        this.retry = builder.retry;
        this.timeout = builder.timeout;
        this.maxConcurrentCalls = builder.maxConcurrentCalls;
        this.adaptiveLimit = builder.adaptiveLimit;
        this.recording = builder.recording;
    }

    /** A recipe with no policies: guards that only record. */
    public static GuardConfig none() {
        return EMPTY;
    }

    /** A new recipe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The breaker's settings, if guards get a breaker. */
    public Optional<CircuitBreakerConfig> circuitBreaker() {
        return Optional.ofNullable(circuitBreaker);
    }

    /** The retry settings, if guards retry. */
    public Optional<RetryConfig> retry() {
        return Optional.ofNullable(retry);
    }

    /** The deadline of a call, all attempts included; {@link Duration#ZERO} (the default) for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The semaphore bulkhead's size; 0 (the default) for none. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** The adaptive bulkhead's settings, if guards get one instead of a fixed size. */
    public Optional<AdaptiveLimitConfig> adaptiveLimit() {
        return Optional.ofNullable(adaptiveLimit);
    }

    /** The recorder's window. */
    public RecorderConfig recording() {
        return recording;
    }

    /** Builds a {@link GuardConfig}. Not thread-safe. */
    public static final class Builder {
        private CircuitBreakerConfig circuitBreaker;
        private RetryConfig retry;
        private Duration timeout = Duration.ZERO;
        private int maxConcurrentCalls;
        private AdaptiveLimitConfig adaptiveLimit;
        private RecorderConfig recording = RecorderConfig.defaults();

        private Builder() {}

        /** Guards get a breaker with these settings (default: no breaker). */
        public Builder circuitBreaker(CircuitBreakerConfig config) {
            this.circuitBreaker = Objects.requireNonNull(config, "circuitBreaker");
            return this;
        }

        /** Guards retry with these settings (default: one attempt). */
        public Builder retry(RetryConfig config) {
            this.retry = Objects.requireNonNull(config, "retry");
            return this;
        }

        /**
         * The deadline of a whole call (default: none), as {@link GuardBuilder#timeout}: one longer
         * than about 146 years is held to that, as good as none.
         *
         * @throws IllegalArgumentException if negative; {@link Duration#ZERO} means none
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            this.timeout = Durations.requireNonNegative(
                    timeout.compareTo(Durations.LONGEST) > 0 ? Durations.LONGEST : timeout, "timeout");
            return this;
        }

        /**
         * A semaphore bulkhead of {@code maxConcurrentCalls} (default: none).
         *
         * @throws IllegalArgumentException if not positive
         * @throws IllegalStateException if an adaptive bulkhead is already set
         */
        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
            }
            if (adaptiveLimit != null) {
                throw new IllegalStateException("a guard has one bulkhead: adaptiveLimit is already set");
            }
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        /**
         * An adaptive bulkhead (default: none).
         *
         * @throws IllegalStateException if a semaphore bulkhead is already set
         */
        public Builder adaptiveLimit(AdaptiveLimitConfig config) {
            if (maxConcurrentCalls > 0) {
                throw new IllegalStateException("a guard has one bulkhead: maxConcurrentCalls is already set");
            }
            this.adaptiveLimit = Objects.requireNonNull(config, "adaptiveLimit");
            return this;
        }

        /** The recorder's window (default: {@link RecorderConfig#defaults()}). */
        public Builder recording(RecorderConfig recording) {
            this.recording = Objects.requireNonNull(recording, "recording");
            return this;
        }

        /** The recipe. */
        public GuardConfig build() {
            return new GuardConfig(this);
        }
    }
}
