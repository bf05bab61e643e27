package io.homeostat.engine.execute;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Fresh readings for success criteria: the current value of a metric of a service (e.g.
 * {@code error_rate} over the last few seconds). Implementations must be thread-safe and must not
 * block.
 */
@FunctionalInterface
public interface MetricSource {

    /** The value now; empty if there is no reading (which never counts as success). */
    OptionalDouble read(String service, String metric);

    /**
     * This source's reading, or {@code other}'s when this one has none (e.g. the guards of this JVM,
     * else the samples services report).
     *
     * @throws NullPointerException if {@code other} is null
     */
    default MetricSource orElse(MetricSource other) {
        Objects.requireNonNull(other, "other");
        return (service, metric) -> {
            OptionalDouble value = read(service, metric);
            return value.isPresent() ? value : other.read(service, metric);
        };
    }
}
