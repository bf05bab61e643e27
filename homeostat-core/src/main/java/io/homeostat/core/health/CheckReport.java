package io.homeostat.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How one check did in one run of the {@link HealthRegistry}, after the failure threshold was
 * applied. Immutable, thread-safe.
 *
 * @param name the check's name
 * @param status the reported status: a failure below the threshold is reported as
 *     {@link HealthStatus#DEGRADED}
 * @param latency how long the run took, by the registry's clock (the timeout, if it timed out)
 * @param details what the check measured, plus {@code failure} and {@code consecutiveFailures}
 *     when it failed
 * @param message the check's message, or the failure's
 * @param consecutiveFailures failures in a row up to and including this run; 0 after a success
 * @param time when the run ended (wall time of the registry's clock)
 */
public record CheckReport(
        String name,
        HealthStatus status,
        Duration latency,
        Map<String, String> details,
        String message,
        int consecutiveFailures,
        Instant time) {

    public CheckReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        details = details == null || details.isEmpty() ? Map.of() : Map.copyOf(details);
        message = message == null ? "" : message;
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must not be negative");
        }
        Objects.requireNonNull(time, "time");
    }
}
