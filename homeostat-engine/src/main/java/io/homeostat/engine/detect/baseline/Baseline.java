package io.homeostat.engine.detect.baseline;

import io.homeostat.engine.detect.SeriesKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What is usual for one series over one window: the statistics of its samples. Immutable and
 * thread-safe.
 *
 * <p>Mean, standard deviation, minimum, maximum and count are exact. The percentiles come from a
 * log-bucketed histogram: each is within {@link #QUANTILE_RELATIVE_ERROR} (4.8 %) of the sample of
 * that rank (nearest-rank definition), relative to its magnitude; magnitudes below 1e-9 read as 0.
 *
 * @param series the series
 * @param window the window
 * @param count samples in the window, at least 1
 * @param mean their mean
 * @param stddev their population standard deviation
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param min smallest sample
 * @param max largest sample
 * @param calculatedAt the time of the latest sample it covers
 * @param validUntil when the window moves on and a fresh baseline replaces this one
 */
public record Baseline(
        SeriesKey series,
        BaselineWindow window,
        long count,
        double mean,
        double stddev,
        double p50,
        double p95,
        double p99,
        double min,
        double max,
        Instant calculatedAt,
        Instant validUntil) {

    /** The bound on the relative error of the percentiles, {@code (1.1 - 1) / (1.1 + 1)}. */
    public static final double QUANTILE_RELATIVE_ERROR = 0.1 / 2.1;

    /**
     * @throws IllegalArgumentException if {@code count} is below 1, a statistic is not finite,
     *     {@code min > max}, {@code stddev} is negative, or {@code validUntil} is before
     *     {@code calculatedAt}
     * @throws NullPointerException if a reference is null
     */
    public Baseline {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(window, "window");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        for (double value : new double[] {mean, stddev, p50, p95, p99, min, max}) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("statistics must be finite numbers, got " + value);
            }
        }
        if (min > max || stddev < 0) {
            throw new IllegalArgumentException("need min <= max and stddev >= 0, got min " + min + ", max " + max
                    + ", stddev " + stddev);
        }
        Objects.requireNonNull(calculatedAt, "calculatedAt");
        Objects.requireNonNull(validUntil, "validUntil");
        if (validUntil.isBefore(calculatedAt)) {
            throw new IllegalArgumentException("validUntil " + validUntil + " is before calculatedAt " + calculatedAt);
        }
    }

    /** The median, the same as {@link #p50()}. */
    public double median() {
        return p50;
    }

    /** True if {@code now} is before {@link #validUntil()}. */
    public boolean validAt(Instant now) {
        return now.isBefore(validUntil);
    }
}
