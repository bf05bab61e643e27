package io.homeostat.engine.detect.baseline;

import java.util.Arrays;

/**
 * Counts of samples per logarithmic bin, sparse: only bins that hold samples take memory (8 bytes
 * each: the bin key in the high half, the count in the low half of one long, sorted by key).
 * Bin {@code k > 0} holds positive values in {@code (MIN * G^(k-2), MIN * G^(k-1)]}, bin
 * {@code -k} the negatives of those, bin 0 magnitudes below {@code MIN}; keys sort as values do.
 * A bin's representative value is within {@code (G - 1) / (G + 1)} of every value in it.
 *
 * <p>Not thread-safe.
 */
final class LogHistogram {

    static final double G = 1.1;
    static final double MIN = 1e-9;
    /** The most bins one histogram holds: values spanning a factor of 10^10 at 10 % per bin. */
    static final int MAX_BINS = 256;
    private static final double LOG_G = Math.log(G);
    private static final long[] EMPTY = new long[0];

    private long[] bins = EMPTY;
    private int size;

    static int key(double value) {
        double magnitude = Math.abs(value);
        if (magnitude < MIN) {
            return 0;
        }
        int k = 1 + (int) Math.ceil(Math.log(magnitude / MIN) / LOG_G);
        return value > 0 ? k : -k;
    }

    /** The value a bin stands for: {@code 2 G^j / (G + 1)} times MIN for its upper bound {@code MIN G^j}. */
    static double representative(int key) {
        if (key == 0) {
            return 0;
        }
        double upper = MIN * Math.pow(G, Math.abs(key) - 1);
        double value = upper * 2 / (G + 1);
        return key > 0 ? value : -value;
    }

    void add(int key) {
        int at = search(key);
        if (at < 0 && size == MAX_BINS) {
            foldLowest(key);
            at = search(key);
        }
        if (at >= 0) {
            if (countOf(bins[at]) < 0xFFFF_FFFFL) {
                bins[at]++;
            }
            return;
        }
        int insert = -at - 1;
        if (size == bins.length) {
            bins = Arrays.copyOf(bins, Math.max(4, size + (size >> 1) + 1));
        }
        System.arraycopy(bins, insert, bins, insert + 1, size - insert);
        bins[insert] = ((long) key << 32) | 1L;
        size++;
    }

    /**
     * Makes room when full: a key below every bin takes over the lowest bin (whose samples it
     * stands for from then on); otherwise the lowest bin joins the next one. Only the lowest
     * quantiles lose accuracy.
     */
    private void foldLowest(int key) {
        if (key < keyOf(bins[0])) {
            bins[0] = ((long) key << 32) | countOf(bins[0]);
            return;
        }
        long joined = Math.min(0xFFFF_FFFFL, countOf(bins[0]) + countOf(bins[1]));
        bins[1] = (bins[1] & ~0xFFFF_FFFFL) | joined;
        System.arraycopy(bins, 1, bins, 0, size - 1);
        size--;
    }

    /** Drops spare capacity: for a bucket that will see few or no more samples. */
    void trim() {
        if (bins.length > size) {
            bins = size == 0 ? EMPTY : Arrays.copyOf(bins, size);
        }
    }

    void clear() {
        size = 0;
        if (bins.length > 32) {
            bins = EMPTY;
        }
    }

    int size() {
        return size;
    }

    /** The {@code i}-th bin, packed; see {@link #keyOf} and {@link #countOf}. */
    long bin(int i) {
        return bins[i];
    }

    static int keyOf(long bin) {
        return (int) (bin >> 32);
    }

    static long countOf(long bin) {
        return bin & 0xFFFF_FFFFL;
    }

    /** Adds this histogram's bins to {@code into}, which is sorted by key and has {@code used} entries; returns the new count. */
    int mergeInto(long[][] into, int used) {
        long[] target = into[0];
        long[] merged = new long[used + size];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < used || j < size) {
            if (j >= size || (i < used && keyOf(target[i]) < keyOf(bins[j]))) {
                merged[n++] = target[i++];
            } else if (i >= used || keyOf(bins[j]) < keyOf(target[i])) {
                merged[n++] = bins[j++];
            } else {
                merged[n++] = (target[i] & ~0xFFFF_FFFFL) | Math.min(0xFFFF_FFFFL, countOf(target[i]) + countOf(bins[j]));
                i++;
                j++;
            }
        }
        into[0] = merged;
        return n;
    }

    /** Adds {@code other}'s counts to this histogram, folding the lowest bins past {@link #MAX_BINS}. */
    void addAll(LogHistogram other) {
        long[][] holder = {bins};
        size = other.mergeInto(holder, size);
        bins = holder[0];
        while (size > MAX_BINS) {
            long joined = Math.min(0xFFFF_FFFFL, countOf(bins[0]) + countOf(bins[1]));
            bins[1] = (bins[1] & ~0xFFFF_FFFFL) | joined;
            System.arraycopy(bins, 1, bins, 0, size - 1);
            size--;
        }
    }

    private int search(int key) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int k = keyOf(bins[mid]);
            if (k < key) {
                low = mid + 1;
            } else if (k > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
