package io.homeostat.engine.detect.baseline;

/**
 * One window of one series: a ring of {@link BaselineWindow#buckets()} + 1 time buckets, each the
 * samples' count, mean and sum of squared deviations (Welford, so the variance keeps its precision
 * on large values), minimum, maximum and a {@link LogHistogram}. The buckets live in one primitive
 * array (five longs per bucket, side by side) rather than one object per bucket: 44 bytes per
 * bucket plus its histogram array. Slot {@code i mod slots} holds bucket {@code i} for the
 * {@code slots} buckets up to the newest; a slot is emptied when the ring moves past it. Fed sample by sample ({@link #add}) or bucket by bucket from a finer ring
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

    /** Slot {@code s} is {@code STRIDE} longs at {@code STRIDE * s}: count, then mean, M2, min, max as raw double bits. */
    private static final int COUNT = 0;
    private static final int MEAN = 1;
    private static final int M2 = 2;
    private static final int MIN = 3;
    private static final int MAX = 4;
    private static final int STRIDE = 5;

    private final long bucketMillis;
    private final int slots;
    /** Every slot's fields side by side, so a sample touches one stretch of memory. */
    private final long[] data;
    private final long[][] histogram;
    private long latest = Long.MIN_VALUE;
    /** What the last {@link #slotFor} did: one of the outcome constants. */
    private int moved;

    BucketRing(BaselineWindow window) {
        this.bucketMillis = window.bucket().toMillis();
        this.slots = window.buckets() + 1;
        this.data = new long[STRIDE * slots];
        this.histogram = new long[slots][];
        for (int slot = 0; slot < slots; slot++) {
            reset(slot);
        }
    }

    private double get(int at) {
        return Double.longBitsToDouble(data[at]);
    }

    private void set(int at, double value) {
        data[at] = Double.doubleToRawLongBits(value);
    }

    /** The index of the newest bucket, {@link Long#MIN_VALUE} before the first sample. */
    long latest() {
        return latest;
    }

    /** The slot of the bucket with {@code bucketIndex}, or -1 if the ring does not hold it. */
    int slot(long bucketIndex) {
        return holds(bucketIndex) ? (int) Math.floorMod(bucketIndex, (long) slots) : -1;
    }

    private boolean holds(long bucketIndex) {
        return latest != Long.MIN_VALUE && bucketIndex <= latest && bucketIndex > latest - slots;
    }

    /** Adds a sample; returns {@link #ADDED}, {@link #MOVED}, {@link #LATE} or {@link #DROPPED}. */
    int add(long timeMillis, double value, int key) {
        int slot = slotFor(Math.floorDiv(timeMillis, bucketMillis));
        if (slot < 0) {
            return DROPPED;
        }
        int at = STRIDE * slot;
        long n = ++data[at + COUNT];
        double mean = get(at + MEAN);
        double delta = value - mean;
        mean += delta / n;
        set(at + MEAN, mean);
        set(at + M2, get(at + M2) + delta * (value - mean));
        if (value < get(at + MIN)) {
            set(at + MIN, value);
        }
        if (value > get(at + MAX)) {
            set(at + MAX, value);
        }
        histogram[slot] = LogHistogram.add(histogram[slot], key);
        return moved;
    }

    /** Adds every sample of bucket {@code finerSlot} of {@code finer}, a bucket that started at {@code startMillis}. */
    void addAll(BucketRing finer, int finerSlot, long startMillis) {
        int from = STRIDE * finerSlot;
        long other = finer.data[from + COUNT];
        if (other == 0) {
            return;
        }
        int slot = slotFor(Math.floorDiv(startMillis, bucketMillis));
        if (slot < 0) {
            return;
        }
        int at = STRIDE * slot;
        long own = data[at + COUNT];
        long total = own + other;
        double delta = finer.get(from + MEAN) - get(at + MEAN);
        set(at + MEAN, get(at + MEAN) + delta * other / total);
        set(at + M2, get(at + M2) + finer.get(from + M2) + delta * delta * ((double) own * other / total));
        set(at + MIN, Math.min(get(at + MIN), finer.get(from + MIN)));
        set(at + MAX, Math.max(get(at + MAX), finer.get(from + MAX)));
        data[at + COUNT] = total;
        histogram[slot] = LogHistogram.addAll(histogram[slot], finer.histogram[finerSlot]);
    }

    /** Adds bucket {@code slot} to {@code into}. */
    void addTo(Accumulator into, int slot) {
        int at = STRIDE * slot;
        into.add(data[at + COUNT], get(at + MEAN), get(at + M2), get(at + MIN), get(at + MAX), histogram[slot]);
    }

    /** The slot for {@code bucketIndex}, emptying the slots the ring moves past; -1 if older than the ring. Sets {@link #moved}. */
    private int slotFor(long bucketIndex) {
        if (latest == Long.MIN_VALUE || bucketIndex > latest) {
            boolean first = latest == Long.MIN_VALUE;
            long from = bucketIndex - slots + 1;
            if (!first) {
                int previous = slot(latest);
                histogram[previous] = LogHistogram.trim(histogram[previous]);
                from = Math.max(from, latest + 1);
            }
            for (long index = from; index <= bucketIndex; index++) {
                reset((int) Math.floorMod(index, (long) slots));
            }
            latest = bucketIndex;
            moved = first ? ADDED : MOVED;
        } else if (bucketIndex <= latest - slots) {
            moved = DROPPED;
            return -1;
        } else {
            moved = bucketIndex == latest ? ADDED : LATE;
        }
        return (int) Math.floorMod(bucketIndex, (long) slots);
    }

    private void reset(int slot) {
        int at = STRIDE * slot;
        data[at + COUNT] = 0;
        set(at + MEAN, 0);
        set(at + M2, 0);
        set(at + MIN, Double.POSITIVE_INFINITY);
        set(at + MAX, Double.NEGATIVE_INFINITY);
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
        long oldest = newest - slots + 1;
        if (latest != Long.MIN_VALUE) {
            for (long index = Math.max(oldest, latest - slots + 1); index <= Math.min(newest, latest); index++) {
                addTo(into, (int) Math.floorMod(index, (long) slots));
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
