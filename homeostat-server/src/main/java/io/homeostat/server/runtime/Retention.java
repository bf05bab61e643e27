package io.homeostat.server.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the store keeps metric samples, and how often the server rolls them up and prunes
 * them ({@link StoreHousekeeping}). Immutable; validated on construction (bad values are rejected
 * with the field's name, never clamped). Start from {@link #defaults()}.
 *
 * @param rawDays days raw metric samples are kept; default 7, at least 1
 * @param rollupDays days the minute and hour rollups are kept; default 90, more than {@code rawDays}
 * @param period how often samples and rollups past their days are deleted; default 1 h, at least 1 s
 * @param rollupPeriod how often the last two hours of samples are rolled up; default 1 min, at least 1 s
 */
public record Retention(int rawDays, int rollupDays, Duration period, Duration rollupPeriod) {

    /**
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public Retention {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(rollupPeriod, "rollupPeriod");
        if (rawDays < 1) {
            throw new IllegalArgumentException("raw_days must be at least 1, was " + rawDays);
        }
        if (rollupDays <= rawDays) {
            throw new IllegalArgumentException("rollup_days must be more than raw_days (" + rawDays + "), was " + rollupDays);
        }
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("period must be at least 1 s, was " + period);
        }
        if (rollupPeriod.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("rollup_period must be at least 1 s, was " + rollupPeriod);
        }
    }

    /** Raw samples 7 days, rollups 90 days, pruned hourly, rolled up every minute. */
    public static Retention defaults() {
        return new Retention(7, 90, Duration.ofHours(1), Duration.ofMinutes(1));
    }
}
