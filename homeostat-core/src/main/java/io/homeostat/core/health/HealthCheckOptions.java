package io.homeostat.core.health;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How the {@link HealthRegistry} runs one check. Immutable, thread-safe.
 *
 * @param timeout how long one run may take before it counts as failed; default 5 s
 * @param failureThreshold consecutive failures before the check is reported
 *     {@link HealthStatus#UNHEALTHY}; until then a failing check is reported
 *     {@link HealthStatus#DEGRADED} with the failure in its details; default 3, at least 1
 */
public record HealthCheckOptions(Duration timeout, int failureThreshold) {

    /** The default timeout, 5 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The default failure threshold, 3. */
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /**
     * @throws IllegalArgumentException if {@code timeout} is not positive or
     *     {@code failureThreshold} is below 1
     */
    public HealthCheckOptions {
        Durations.requirePositive(timeout, "timeout");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
        }
    }

    /** Timeout 5 s, failure threshold 3. */
    public static HealthCheckOptions defaults() {
        return new HealthCheckOptions(DEFAULT_TIMEOUT, DEFAULT_FAILURE_THRESHOLD);
    }

    /** These options with another timeout; see the constructor for what it throws. */
    public HealthCheckOptions withTimeout(Duration newTimeout) {
        return new HealthCheckOptions(newTimeout, failureThreshold);
    }

    /** These options with another failure threshold; see the constructor for what it throws. */
    public HealthCheckOptions withFailureThreshold(int newThreshold) {
        return new HealthCheckOptions(timeout, newThreshold);
    }
}
