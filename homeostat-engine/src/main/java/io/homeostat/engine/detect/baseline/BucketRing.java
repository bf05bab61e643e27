package io.homeostat.engine.detect.baseline;

import java.util.Arrays;

/**
 * One window of one series: a ring of {@link BaselineWindow#buckets()} + 1 time buckets, each the
 * samples' count, mean and sum of squared deviations (Welford, so the variance keeps its precision
 * on large values), minimum, maximum and a {@link LogHistogram}. The buckets live in primitive
 * arrays (one slot per bucket) rather than one object per bucket: about 56 bytes per bucket plus
 * its histogram array. Fed sample by sample ({@link #add}) or bucket by bucket from a finer ring
 * ({@link #addAll}). A sample older than the ring is ignored. Not thread-safe.
 */
final class BucketRing {

    /** {@link #add} put the sample in the newest bucket. */
    static final int ADDED = 0;
    /** {@link #add} opened a bucket later than any before: the previous newest one is closed. */
    static final int MOVED = 1;
    /** {@link #add} put the sample in an older bucket. */
    static final int LATE = 2;
    /** {@link #add} dropped the sample: older than the ring. */
    static final int DROPPED = 3;

    private static final int MEAN = 0;
    private static final int M2 = 1;
    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final int STATS = 4;

    private final long bucketMillis;
    /** The bucket index held in each slot, {@link Long#MIN_VALUE} for a slot never used. */
    private final long[] index;
    private final long[] count;
    /** Mean, M2, minimum and maximum of slot {@code s} at {@code STATS * s}. */
    private final double[] stats;
    private final long[][] histogram;
    private long latest = Long.MIN_VALUE;
    /** What the last {@link #slotFor} did: one of the outcome constants. */
    private int moved;

    BucketRing(BaselineWindow window) {
        this.bucketMillis = window.bucket().toMillis();
        int slots = window.buckets() + 1;
        this.index = new long[slots];
        this.count = new long[slots];
        this.stats = new double[STATS * slots];
        this.histogram = new long[slots][];
        Arrays.fill(index, Long.MIN_VALUE);
    }

    /** The index of the newest bucket, {@link Long#MIN_VALUE} before the first sample. */
    long latest() {
        return latest;
    }

    /** The slot of the bucket with {@code bucketIndex}, or -1 if the ring does not hold it. */
    int slot(long bucketIndex) {
        int slot = (int) Math.floorMod(bucketIndex, (long) index.length);
        return index[slot] == bucketIndex && bucketIndex != Long.MIN_VALUE ? slot : -1;
    }

    /** Adds a sample; returns {@link #ADDED}, {@link #MOVED}, {@link #LATE} or {@link #DROPPED}. */
    int add(long timeMillis, double value, int key) {
        int slot = slotFor(Math.floorDiv(timeMillis, bucketMillis));
        if (slot < 0) {
            return DROPPED;
        }
        long n = ++count[slot];
        int at = STATS * slot;
        double delta = value - stats[at + MEAN];
        stats[at + MEAN] += delta / n;
        stats[at + M2] += delta * (value - stats[at + MEAN]);
        if (value < stats[at + MIN]) {
            stats[at + MIN] = value;
        }
        if (value > stats[at + MAX]) {
            stats[at + MAX] = value;
        }
        histogram[slot] = LogHistogram.add(histogram[slot], key);
        return moved;
    }

    /** Adds every sample of bucket {@code finerSlot} of {@code finer}, a bucket that started at {@code startMillis}. */
    void addAll(BucketRing finer, int finerSlot, long startMillis) {
        if (finer.count[finerSlot] == 0) {
            return;
        }
        int slot = slotFor(Math.floorDiv(startMillis, bucketMillis));
        if (slot < 0) {
            return;
        }
        int at = STATS * slot;
        int from = STATS * finerSlot;
        long own = count[slot];
        long other = finer.count[finerSlot];
        long total = own + other;
        double delta = finer.stats[from + MEAN] - stats[at + MEAN];
        stats[at + MEAN] += delta * other / total;
        stats[at + M2] += finer.stats[from + M2] + delta * delta * ((double) own * other / total);
        stats[at + MIN] = Math.min(stats[at + MIN], finer.stats[from + MIN]);
        stats[at + MAX] = Math.max(stats[at + MAX], finer.stats[from + MAX]);
        count[slot] = total;
        histogram[slot] = LogHistogram.addAll(histogram[slot], finer.histogram[finerSlot]);
    }

    /** Adds bucket {@code slot} to {@code into}. */
    void addTo(Accumulator into, int slot) {
        int at = STATS * slot;
        into.add(count[slot], stats[at + MEAN], stats[at + M2], stats[at + MIN], stats[at + MAX], histogram[slot]);
    }

    /** The slot for {@code bucketIndex}, reset as needed; -1 if older than the ring. Sets {@link #moved}. */
    private int slotFor(long bucketIndex) {
        if (latest != Long.MIN_VALUE && bucketIndex <= latest - index.length) {
            moved = DROPPED;
            return -1;
        }
        int slot = (int) Math.floorMod(bucketIndex, (long) index.length);
        if (index[slot] != bucketIndex) {
            if (index[slot] != Long.MIN_VALUE && index[slot] > bucketIndex) {
                moved = DROPPED;
                return -1;
            }
            reset(slot, bucketIndex);
        }
        if (bucketIndex > latest) {
            boolean first = latest == Long.MIN_VALUE;
            if (!first) {
                int previous = slot(latest);
                if (previous >= 0) {
                    histogram[previous] = LogHistogram.trim(histogram[previous]);
                }
            }
            latest = bucketIndex;
            moved = first ? ADDED : MOVED;
        } else {
            moved = bucketIndex == latest ? ADDED : LATE;
        }
        return slot;
    }

    private void reset(int slot, long bucketIndex) {
        index[slot] = bucketIndex;
        count[slot] = 0;
        int at = STATS * slot;
        stats[at + MEAN] = 0;
        stats[at + M2] = 0;
        stats[at + MIN] = Double.POSITIVE_INFINITY;
        stats[at + MAX] = Double.NEGATIVE_INFINITY;
        long[] h = histogram[slot];
        histogram[slot] = h == null ? LogHistogram.EMPTY : LogHistogram.clear(h);
    }

    /**
     * Adds the buckets of the window ending in the bucket of {@code nowMillis} to {@code into},
     * and bucket {@code openSlot} of {@code open} (a finer ring's bucket not yet rolled into this
     * ring, starting at {@code openStartMillis}; -1 for none) if it falls in the window.
     */
    void collect(Accumulator into, long nowMillis, BucketRing open, int openSlot, long openStartMillis) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = newest - index.length + 1;
        for (int slot = 0; slot < index.length; slot++) {
            if (index[slot] != Long.MIN_VALUE && index[slot] >= oldest && index[slot] <= newest) {
                addTo(into, slot);
            }
        }
        if (openSlot >= 0) {
            long openIndex = Math.floorDiv(openStartMillis, bucketMillis);
            if (openIndex >= oldest && openIndex <= newest) {
                open.addTo(into, openSlot);
            }
        }
    }

    /** When the window holding {@code nowMillis} moves on: the end of its newest bucket. */
    long validUntil(long nowMillis) {
        return (Math.floorDiv(nowMillis, bucketMillis) + 1) * bucketMillis;
    }
}
