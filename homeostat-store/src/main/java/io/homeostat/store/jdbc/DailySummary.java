package io.homeostat.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The self-healing summary of one UTC day, as {@link DailySummaryJob} computes it. Immutable.
 *
 * @param day the day (UTC)
 * @param errors failure events that occurred that day
 * @param automatedRecoveries workflow runs that ended that day after at least one action ran
 * @param successful of those, the runs that ended {@code SUCCEEDED}
 * @param escalated workflow runs that ended {@code ESCALATED} that day (whether or not they acted)
 * @param meanRecoveryTime the mean time from start to end of the successful runs;
 *     {@link Duration#ZERO} when there were none
 * @param availability the share of the day, 0 to 1, during which no workflow run was in progress
 *     (the union of the runs' {@code [startedAt, end)} intervals, clipped to the day, is the
 *     unavailable part; a run still active when computed counts up to the computing time;
 *     shadowed and skipped runs do not count)
 * @param computedAt when the job computed it
 */
public record DailySummary(LocalDate day, long errors, long automatedRecoveries, long successful, long escalated,
        Duration meanRecoveryTime, double availability, Instant computedAt) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if a count is negative, more recoveries succeeded than ran,
     *     the mean time is negative or the availability outside [0, 1]
     */
    public DailySummary {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(meanRecoveryTime, "meanRecoveryTime");
        Objects.requireNonNull(computedAt, "computedAt");
        if (errors < 0 || automatedRecoveries < 0 || successful < 0 || escalated < 0 || successful > automatedRecoveries) {
            throw new IllegalArgumentException("counts must not be negative and successful <= automatedRecoveries");
        }
        if (meanRecoveryTime.isNegative() || !(availability >= 0 && availability <= 1)) {
            throw new IllegalArgumentException("meanRecoveryTime must not be negative and availability in [0, 1]");
        }
    }
}
