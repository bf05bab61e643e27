package io.homeostat.engine.execute;

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
}
