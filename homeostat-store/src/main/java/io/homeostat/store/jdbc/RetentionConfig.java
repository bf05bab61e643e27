package io.homeostat.store.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How long raw metric samples are kept and how the retention job deletes older ones. Immutable;
 * validated on construction.
 *
 * @param keepRawSamples raw samples older than this are deleted; default 7 days, at least 1 hour
 * @param deleteBatchSize rows deleted per short transaction, so writers are never held up;
 *     default 1,000, in [1, 100,000]
 * @param period how often the job runs; default 1 hour, at least 1 s
 */
public record RetentionConfig(Duration keepRawSamples, int deleteBatchSize, Duration period) {

    /**
     * Validates the configuration.
     *
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException naming the component that is out of range
     */
    public RetentionConfig {
        Objects.requireNonNull(keepRawSamples, "keepRawSamples");
        if (keepRawSamples.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("keepRawSamples must be at least 1 hour, was " + keepRawSamples);
        }
        if (deleteBatchSize < 1 || deleteBatchSize > 100_000) {
            throw new IllegalArgumentException("deleteBatchSize must be in [1, 100000], was " + deleteBatchSize);
        }
        Objects.requireNonNull(period, "period");
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("period must be at least 1 s, was " + period);
        }
    }

    /** Raw samples kept 7 days, deleted 1,000 at a time, every hour. */
    public static RetentionConfig defaults() {
        return new RetentionConfig(Duration.ofDays(7), 1_000, Duration.ofHours(1));
    }

    /** This configuration keeping raw samples {@code days} days. */
    public RetentionConfig keepingDays(int days) {
        return new RetentionConfig(Duration.ofDays(days), deleteBatchSize, period);
    }
}
