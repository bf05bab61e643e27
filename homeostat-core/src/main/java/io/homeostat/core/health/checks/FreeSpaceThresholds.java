package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthStatus;

/**
 * Where the free share of a disk (0 to 1) turns degraded and unhealthy. Immutable, thread-safe.
 *
 * @param degradedBelow less free than this is {@link HealthStatus#DEGRADED}; default 0.10
 * @param unhealthyBelow less free than this is {@link HealthStatus#UNHEALTHY}; default 0.05
 */
public record FreeSpaceThresholds(double degradedBelow, double unhealthyBelow) {

    /** @throws IllegalArgumentException unless {@code 0 <= unhealthyBelow < degradedBelow <= 1} */
    public FreeSpaceThresholds {
        if (!(unhealthyBelow >= 0 && unhealthyBelow < degradedBelow && degradedBelow <= 1)) {
            throw new IllegalArgumentException("thresholds need 0 <= unhealthyBelow < degradedBelow <= 1, were "
                    + degradedBelow + " and " + unhealthyBelow);
        }
    }

    /** Degraded below 10 % free, unhealthy below 5 %. */
    public static FreeSpaceThresholds defaults() {
        return new FreeSpaceThresholds(0.10, 0.05);
    }

    /** The status of a disk with {@code freeRatio} free. */
    public HealthStatus statusOf(double freeRatio) {
        if (freeRatio < unhealthyBelow) {
            return HealthStatus.UNHEALTHY;
        }
        return freeRatio < degradedBelow ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    }
}
