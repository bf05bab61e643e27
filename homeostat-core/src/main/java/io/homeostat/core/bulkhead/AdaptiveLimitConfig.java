package io.homeostat.core.bulkhead;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How an adaptive (AIMD) bulkhead moves its limit. The limit starts at {@code initialLimit} and
 * stays within {@code minLimit..maxLimit}. After a window of successful calls (as many as the
 * current limit, like TCP congestion avoidance) each faster than {@code latencyTarget}, finished
 * while at least half the limit was in use, the limit grows by one. A call released as
 * overloaded, or slower than {@code latencyTarget}, multiplies the limit by
 * {@code decreaseFactor} (rounded down, at least one less) and starts a new window.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param initialLimit the limit at start (default 20)
 * @param minLimit the smallest limit (default 1)
 * @param maxLimit the largest limit (default 200)
 * @param latencyTarget a call slower than this counts as overload (default 5 s)
 * @param decreaseFactor what the limit is multiplied by on overload, in (0, 1) (default 0.9)
 */
public record AdaptiveLimitConfig(
        int initialLimit, int minLimit, int maxLimit, Duration latencyTarget, double decreaseFactor) {

    /**
     * @throws IllegalArgumentException if {@code minLimit} is less than 1, the limits are not
     *     ordered {@code minLimit <= initialLimit <= maxLimit}, {@code latencyTarget} is not
     *     positive or {@code decreaseFactor} is not within (0, 1)
     * @throws NullPointerException if {@code latencyTarget} is null
     */
    public AdaptiveLimitConfig {
        if (minLimit < 1) {
            throw new IllegalArgumentException("minLimit must be at least 1, was " + minLimit);
        }
        if (initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("limits must satisfy minLimit <= initialLimit <= maxLimit, were "
                    + minLimit + " <= " + initialLimit + " <= " + maxLimit);
        }
        Durations.requirePositive(latencyTarget, "latencyTarget");
        if (!(decreaseFactor > 0.0 && decreaseFactor < 1.0)) {
            throw new IllegalArgumentException("decreaseFactor must be within (0, 1), was " + decreaseFactor);
        }
    }

    /** The defaults: limit 20 within 1..200, latency target 5 s, decrease factor 0.9. */
    public static AdaptiveLimitConfig ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AdaptiveLimitConfig}; not thread-safe. */
    public static final class Builder {
        private int initialLimit = 20;
        private int minLimit = 1;
        private int maxLimit = 200;
        private Duration latencyTarget = Duration.ofSeconds(5);
        private double decreaseFactor = 0.9;

        private Builder() {}

        /** The limit at start (default 20). */
        public Builder initialLimit(int initialLimit) {
            this.initialLimit = initialLimit;
            return this;
        }

        /** The smallest limit (default 1). */
        public Builder minLimit(int minLimit) {
            this.minLimit = minLimit;
            return this;
        }

        /** The largest limit (default 200). */
        public Builder maxLimit(int maxLimit) {
            this.maxLimit = maxLimit;
            return this;
        }

        /** A call slower than this counts as overload (default 5 s). */
        public Builder latencyTarget(Duration latencyTarget) {
            this.latencyTarget = latencyTarget;
            return this;
        }

        /** What the limit is multiplied by on overload, in (0, 1) (default 0.9). */
        public Builder decreaseFactor(double decreaseFactor) {
            this.decreaseFactor = decreaseFactor;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException as {@link AdaptiveLimitConfig} does
         * @throws NullPointerException if {@code latencyTarget} was set to null
         */
        public AdaptiveLimitConfig build() {
            return new AdaptiveLimitConfig(initialLimit, minLimit, maxLimit, latencyTarget, decreaseFactor);
        }
    }
}
