package io.homeostat.engine.detect.baseline;

import io.homeostat.engine.detect.SeriesKey;
import java.time.Instant;

/** Sums buckets into one {@link Baseline}: combined count, mean and M2, extremes and histogram. Not thread-safe. */
final class Accumulator {

    private final Bucket total = new Bucket();

    Accumulator() {
        total.reset(0);
    }

    void add(Bucket bucket) {
        total.addAll(bucket);
    }

    /** The baseline, or null if no sample was added. */
    Baseline baseline(SeriesKey series, BaselineWindow window, long nowMillis, long validUntilMillis) {
        if (total.count == 0) {
            return null;
        }
        double stddev = Math.sqrt(Math.max(0, total.m2 / total.count));
        return new Baseline(series, window, total.count, total.mean, stddev, quantile(0.50), quantile(0.95),
                quantile(0.99), total.min, total.max, Instant.ofEpochMilli(nowMillis),
                Instant.ofEpochMilli(validUntilMillis));
    }

    /** Nearest rank: the value of rank ceil(q n), from its bin, kept within [min, max]. */
    private double quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * total.count));
        long seen = 0;
        for (int i = 0; i < total.histogram.size(); i++) {
            long bin = total.histogram.bin(i);
            seen += LogHistogram.countOf(bin);
            if (seen >= rank) {
                double value = LogHistogram.representative(LogHistogram.keyOf(bin));
                return Math.min(total.max, Math.max(total.min, value));
            }
        }
        return total.max;
    }
}
