package io.homeostat.engine.detect;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How many series a detector keeps state for, and when it forgets one. Immutable and thread-safe;
 * validated on creation.
 *
 * <p>Past {@link #maxSeries()}, a detector first forgets series it has not seen for
 * {@link #idleAfter()} (never one whose condition is firing); if none can go, the new series is
 * not watched and is counted as untracked, and the series already watched keep their state. A
 * flood of new series names therefore cannot grow memory or evict the series that matter.
 *
 * @param maxSeries the most series kept (default 100,000)
 * @param idleAfter how long a series may go without a sample before it may be forgotten
 *     (default 1 h)
 */
public record SeriesLimits(int maxSeries, Duration idleAfter) {

    /** Default {@link #maxSeries()}. */
    public static final int DEFAULT_MAX_SERIES = 100_000;
    /** Default {@link #idleAfter()}. */
    public static final Duration DEFAULT_IDLE_AFTER = Duration.ofHours(1);

    /**
     * @throws IllegalArgumentException if {@code maxSeries} is below 1 or {@code idleAfter} is not positive
     */
    public SeriesLimits {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, was " + maxSeries);
        }
        Durations.requirePositive(idleAfter, "idleAfter");
    }

    /** 100,000 series, forgotten after 1 h without a sample. */
    public static SeriesLimits defaults() {
        return new SeriesLimits(DEFAULT_MAX_SERIES, DEFAULT_IDLE_AFTER);
    }

    /** These limits with another {@link #maxSeries()}. */
    public SeriesLimits withMaxSeries(int max) {
        return new SeriesLimits(max, idleAfter);
    }

    /** These limits with another {@link #idleAfter()}. */
    public SeriesLimits withIdleAfter(Duration idle) {
        return new SeriesLimits(maxSeries, idle);
    }
}
