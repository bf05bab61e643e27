package io.homeostat.engine.detect.baseline;

import io.homeostat.engine.detect.SeriesKey;
import java.time.Instant;

/** Sums buckets into one {@link Baseline}: combined count, mean and M2, extremes and histogram. Not thread-safe. */
final class Accumulator {

    private long count;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long[] histogram = LogHistogram.EMPTY;

    /** Adds a bucket's samples (Chan et al.'s combination of count, mean and M2). */
    void add(long otherCount, double otherMean, double otherM2, double otherMin, double otherMax, long[] otherHistogram) {
        if (otherCount == 0) {
            return;
        }
        long total = count + otherCount;
        double delta = otherMean - mean;
        mean += delta * otherCount / total;
        m2 += otherM2 + delta * delta * ((double) count * otherCount / total);
        count = total;
        min = Math.min(min, otherMin);
        max = Math.max(max, otherMax);
        histogram = LogHistogram.addAll(histogram, otherHistogram);
    }

    /** The baseline, or null if no sample was added. */
    Baseline baseline(SeriesKey series, BaselineWindow window, long nowMillis, long validUntilMillis) {
        if (count == 0) {
            return null;
        }
        double stddev = Math.sqrt(Math.max(0, m2 / count));
        return new Baseline(series, window, count, mean, stddev, quantile(0.50), quantile(0.95),
                quantile(0.99), min, max, Instant.ofEpochMilli(nowMillis),
                Instant.ofEpochMilli(validUntilMillis));
    }

    /** Nearest rank: the value of rank ceil(q n), from its bin, kept within [min, max]. */
    private double quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < LogHistogram.size(histogram); i++) {
            long bin = LogHistogram.bin(histogram, i);
            seen += LogHistogram.countOf(bin);
            if (seen >= rank) {
                double value = LogHistogram.representative(LogHistogram.keyOf(bin));
                return Math.min(max, Math.max(min, value));
            }
        }
        return max;
    }
}
