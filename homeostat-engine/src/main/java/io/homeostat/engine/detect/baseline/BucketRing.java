package io.homeostat.engine.detect.baseline;

/**
 * One window of one series: a ring of {@link BaselineWindow#buckets()} + 1 buckets, allocated as
 * samples arrive. Fed sample by sample ({@link #add}) or bucket by bucket from a finer ring
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

    private final long bucketMillis;
    private final Bucket[] buckets;
    private long latest = Long.MIN_VALUE;
    /** What the last {@link #bucketFor} did: one of the outcome constants. */
    private int moved;

    BucketRing(BaselineWindow window) {
        this.bucketMillis = window.bucket().toMillis();
        this.buckets = new Bucket[window.buckets() + 1];
    }

    /** The index of the newest bucket, {@link Long#MIN_VALUE} before the first sample. */
    long latest() {
        return latest;
    }

    /** The bucket with {@code index}, or null if the ring does not hold it. */
    Bucket bucket(long index) {
        Bucket bucket = buckets[(int) Math.floorMod(index, (long) buckets.length)];
        return bucket != null && bucket.index == index ? bucket : null;
    }

    /** Adds a sample; returns {@link #ADDED}, {@link #MOVED}, {@link #LATE} or {@link #DROPPED}. */
    int add(long timeMillis, double value, int key) {
        Bucket bucket = bucketFor(Math.floorDiv(timeMillis, bucketMillis));
        if (bucket == null) {
            return DROPPED;
        }
        bucket.add(value, key);
        return moved;
    }

    /** Adds every sample of {@code finer}, a bucket of a finer ring that started at {@code startMillis}. */
    void addAll(Bucket finer, long startMillis) {
        Bucket bucket = bucketFor(Math.floorDiv(startMillis, bucketMillis));
        if (bucket != null) {
            bucket.addAll(finer);
        }
    }

    /** The bucket for {@code index}, reset or created as needed; null if older than the ring. Sets {@link #moved}. */
    private Bucket bucketFor(long index) {
        if (latest != Long.MIN_VALUE && index <= latest - buckets.length) {
            moved = DROPPED;
            return null;
        }
        int slot = (int) Math.floorMod(index, (long) buckets.length);
        Bucket bucket = buckets[slot];
        if (bucket == null) {
            bucket = new Bucket();
            buckets[slot] = bucket;
            bucket.reset(index);
        } else if (bucket.index != index) {
            if (bucket.index > index) {
                moved = DROPPED;
                return null;
            }
            bucket.reset(index);
        }
        if (index > latest) {
            boolean first = latest == Long.MIN_VALUE;
            if (!first) {
                Bucket previous = bucket(latest);
                if (previous != null) {
                    previous.histogram.trim();
                }
            }
            latest = index;
            moved = first ? ADDED : MOVED;
        } else {
            moved = index == latest ? ADDED : LATE;
        }
        return bucket;
    }

    /**
     * Adds the buckets of the window ending in the bucket of {@code nowMillis} to {@code into},
     * and {@code open} (a finer bucket not yet rolled into this ring, starting at
     * {@code openStartMillis}) if it falls in the window.
     */
    void collect(Accumulator into, long nowMillis, Bucket open, long openStartMillis) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = newest - buckets.length + 1;
        for (Bucket bucket : buckets) {
            if (bucket != null && bucket.index >= oldest && bucket.index <= newest) {
                into.add(bucket);
            }
        }
        if (open != null) {
            long index = Math.floorDiv(openStartMillis, bucketMillis);
            if (index >= oldest && index <= newest) {
                into.add(open);
            }
        }
    }

    /** When the window holding {@code nowMillis} moves on: the end of its newest bucket. */
    long validUntil(long nowMillis) {
        return (Math.floorDiv(nowMillis, bucketMillis) + 1) * bucketMillis;
    }

}
