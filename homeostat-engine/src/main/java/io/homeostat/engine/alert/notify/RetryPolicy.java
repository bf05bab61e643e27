package io.homeostat.engine.alert.notify;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How a channel retries a failed delivery before it dead-letters it: attempt {@code n} (from 1)
 * that fails waits {@code min(initialBackoff * multiplier^(n-1), maxBackoff)} on the injected
 * scheduler. Immutable and thread-safe.
 *
 * @param maxAttempts attempts in all, at least 1; default 10
 * @param initialBackoff the first wait, positive; default 1 s
 * @param multiplier growth per attempt, at least 1; default 2
 * @param maxBackoff the longest wait, at least {@code initialBackoff}; default 1 min
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

    /** @throws IllegalArgumentException if a value is out of its range */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Durations.requirePositive(initialBackoff, "initialBackoff");
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        Durations.requirePositive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
        }
    }

    /**
     * 10 attempts, 1 s doubling up to 1 min: about 4 minutes of retries, so that a receiver being
     * redeployed does not lose a notification (one given up is not sent again before its group's
     * repeat interval, hours later).
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofSeconds(1), 2, Duration.ofMinutes(1));
    }

    /** The wait after failed attempt {@code attempt} (from 1). */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
