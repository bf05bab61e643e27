package io.homeostat.core.signal;

import io.homeostat.core.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one health check run.
 *
 * @param check the check's name
 * @param latency how long the check took; not negative
 * @param details what the check saw, e.g. {@code heap.used.ratio=0.81}
 */
public record HealthReport(
        String service,
        String check,
        HealthStatus status,
        Duration latency,
        Map<String, String> details,
        Instant time,
        Map<String, String> tags) implements Signal {

    public HealthReport {
        Signals.requireName(service, "service");
        Signals.requireName(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        Objects.requireNonNull(time, "time");
        details = Signals.tags(details);
        tags = Signals.tags(tags);
    }
}
