package io.homeostat.core.health;

/** How healthy something is, ordered from best to worst. */
public enum HealthStatus {
    HEALTHY,
    DEGRADED,
    UNHEALTHY;

    /** The worse of this and {@code other}. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
