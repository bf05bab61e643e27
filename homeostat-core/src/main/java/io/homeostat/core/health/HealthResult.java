package io.homeostat.core.health;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a {@link HealthCheck} saw. Immutable, thread-safe.
 *
 * @param status how healthy the probed thing is
 * @param details what the check measured, e.g. {@code heap.used.ratio=0.81}; never null
 * @param message a short explanation, empty when there is nothing to say; never null
 */
public record HealthResult(HealthStatus status, Map<String, String> details, String message) {

    public HealthResult {
        Objects.requireNonNull(status, "status");
        details = details == null || details.isEmpty() ? Map.of() : Map.copyOf(details);
        message = message == null ? "" : message;
    }

    /** Healthy, with no details and no message. */
    public static HealthResult healthy() {
        return new HealthResult(HealthStatus.HEALTHY, Map.of(), "");
    }

    /** Degraded, with {@code message} saying why. */
    public static HealthResult degraded(String message) {
        return new HealthResult(HealthStatus.DEGRADED, Map.of(), message);
    }

    /** Unhealthy, with {@code message} saying why. */
    public static HealthResult unhealthy(String message) {
        return new HealthResult(HealthStatus.UNHEALTHY, Map.of(), message);
    }

    /** A result with {@code status} and {@code message} and no details. */
    public static HealthResult of(HealthStatus status, String message) {
        return new HealthResult(status, Map.of(), message);
    }

    /**
     * This result with one more detail; a detail of the same key is replaced.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public HealthResult withDetail(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new HashMap<>(details);
        copy.put(key, String.valueOf(value));
        return new HealthResult(status, copy, message);
    }

    /** This result with {@code message} instead of its own. */
    public HealthResult withMessage(String newMessage) {
        return new HealthResult(status, details, newMessage);
    }
}
