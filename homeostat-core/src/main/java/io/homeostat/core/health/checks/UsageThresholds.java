package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthStatus;

/**
 * Where a usage ratio (0 to 1) turns degraded and unhealthy. Immutable, thread-safe.
 *
 * @param degradedAbove a ratio above this is {@link HealthStatus#DEGRADED}
 * @param unhealthyAbove a ratio above this is {@link HealthStatus#UNHEALTHY}
 */
public record UsageThresholds(double degradedAbove, double unhealthyAbove) {

    /**
     * @throws IllegalArgumentException unless {@code 0 <= degradedAbove < unhealthyAbove <= 1}
     */
    public UsageThresholds {
        if (!(degradedAbove >= 0 && degradedAbove < unhealthyAbove && unhealthyAbove <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 <= degradedAbove < unhealthyAbove <= 1, were "
                    + degradedAbove + " and " + unhealthyAbove);
        }
    }

    /** Heap defaults: degraded above 75 %, unhealthy above 90 %. */
    public static UsageThresholds heapDefaults() {
        return new UsageThresholds(0.75, 0.90);
    }

    /** Process CPU defaults: degraded above 80 %, unhealthy above 95 %. */
    public static UsageThresholds cpuDefaults() {
        return new UsageThresholds(0.80, 0.95);
    }

    /** The status of {@code ratio}. */
    public HealthStatus statusOf(double ratio) {
        if (ratio > unhealthyAbove) {
            return HealthStatus.UNHEALTHY;
        }
        return ratio > degradedAbove ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }

    /** The threshold {@code status} is above, for messages. */
    double limitOf(HealthStatus status) {
        return status == HealthStatus.UNHEALTHY ? unhealthyAbove : degradedAbove;
    }
}
