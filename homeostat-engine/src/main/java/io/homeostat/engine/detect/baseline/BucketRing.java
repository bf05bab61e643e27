package io.homeostat.engine.detect.baseline;

import io.homeostat.engine.detect.SeriesKey;
import java.time.Instant;

/**
 * One window of one series: a ring of {@link BaselineWindow#buckets()} + 1 buckets, allocated as
 * samples arrive. A sample older than the ring is ignored. Not thread-safe.
 */
final class BucketRing {

    private final BaselineWindow window;
    private final long bucketMillis;
    private final Bucket[] buckets;
    private long latest = Long.MIN_VALUE;

    BucketRing(BaselineWindow window) {
        this.window = window;
        this.bucketMillis = window.bucket().toMillis();
        this.buckets = new Bucket[window.buckets() + 1];
    }

    /**
     * Adds a sample.
     *
     * @return true if it opened a bucket later than any before (the window moved on)
     */
    boolean add(long timeMillis, double value, int key) {
        long index = Math.floorDiv(timeMillis, bucketMillis);
        if (latest != Long.MIN_VALUE && index <= latest - buckets.length) {
            return false;
        }
        int slot = (int) Math.floorMod(index, (long) buckets.length);
        Bucket bucket = buckets[slot];
        if (bucket == null) {
            bucket = new Bucket();
            buckets[slot] = bucket;
            bucket.reset(index);
        } else if (bucket.index != index) {
            if (bucket.index > index) {
                return false;
            }
            bucket.reset(index);
        }
        bucket.add(value, key);
        boolean first = latest == Long.MIN_VALUE;
        boolean moved = index > latest;
        if (moved) {
            if (!first) {
                Bucket previous = buckets[(int) Math.floorMod(latest, (long) buckets.length)];
                if (previous != null && previous.index == latest) {
                    previous.histogram.trim();
                }
            }
            latest = index;
        }
        return moved && !first;
    }

    /** The baseline of the window ending in the bucket of {@code nowMillis}; null if it holds no sample. */
    Baseline baseline(SeriesKey series, long nowMillis) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = newest - buckets.length + 1;
        long count = 0;
        double mean = 0;
        double m2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long[][] bins = {new long[0]};
        int used = 0;
        for (Bucket bucket : buckets) {
            if (bucket == null || bucket.count == 0 || bucket.index < oldest || bucket.index > newest) {
                continue;
            }
            // Chan et al.: combine two (count, mean, M2) summaries.
            long total = count + bucket.count;
            double delta = bucket.mean - mean;
            mean += delta * bucket.count / total;
            m2 += bucket.m2 + delta * delta * ((double) count * bucket.count / total);
            count = total;
            min = Math.min(min, bucket.min);
            max = Math.max(max, bucket.max);
            used = bucket.histogram.mergeInto(bins, used);
        }
        if (count == 0) {
            return null;
        }
        double stddev = Math.sqrt(Math.max(0, m2 / count));
        return new Baseline(series, window, count, mean, stddev,
                quantile(bins[0], used, count, 0.50, min, max),
                quantile(bins[0], used, count, 0.95, min, max),
                quantile(bins[0], used, count, 0.99, min, max),
                min, max, Instant.ofEpochMilli(nowMillis), Instant.ofEpochMilli((newest + 1) * bucketMillis));
    }

    /** Nearest rank: the value of rank ceil(q n), from its bin, kept within [min, max]. */
    private static double quantile(long[] bins, int used, long count, double q, double min, double max) {
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < used; i++) {
            seen += LogHistogram.countOf(bins[i]);
            if (seen >= rank) {
                return Math.min(max, Math.max(min, LogHistogram.representative(LogHistogram.keyOf(bins[i]))));
            }
        }
        return max;
    }
}
