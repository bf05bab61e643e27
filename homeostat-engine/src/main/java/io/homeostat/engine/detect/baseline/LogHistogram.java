package io.homeostat.engine.detect.baseline;

import java.util.Arrays;

/**
 * Counts of samples per logarithmic bin, sparse and objectless: a histogram is one {@code long[]}
 * whose element 0 is the number of bins in use and whose elements 1.. are the bins, each packed
 * in 8 bytes (the bin key in the high half, the count in the low half), sorted by key. Operations
 * are static and return the histogram, which is a new array when it had to grow or shrink.
 * Bin {@code k > 0} holds positive values in {@code (MIN * G^(k-2), MIN * G^(k-1)]}, bin
 * {@code -k} the negatives of those, bin 0 magnitudes below {@code MIN}; keys sort as values do.
 * A bin's representative value is within {@code (G - 1) / (G + 1)} of every value in it.
 *
 * <p>Not thread-safe: a histogram array belongs to one bucket.
 */
final class LogHistogram {

    static final double G = 1.1;
    static final double MIN = 1e-9;
    /** The most bins one histogram holds: values spanning a factor of 10^10 at 10 % per bin. */
    static final int MAX_BINS = 256;
    /** The empty histogram; shared, never written (every add copies it first). */
    static final long[] EMPTY = {0};
    private static final double LOG_G = Math.log(G);
    private static final long MAX_COUNT = 0xFFFF_FFFFL;

    private LogHistogram() {
    }

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

    static int size(long[] h) {
        return (int) h[0];
    }

    /** The {@code i}-th bin (from 0), packed; see {@link #keyOf} and {@link #countOf}. */
    static long bin(long[] h, int i) {
        return h[i + 1];
    }

    static int keyOf(long bin) {
        return (int) (bin >> 32);
    }

    static long countOf(long bin) {
        return bin & MAX_COUNT;
    }

    /** Counts one sample in bin {@code key}; returns the histogram. */
    static long[] add(long[] h, int key) {
        int size = size(h);
        int at = search(h, size, key);
        if (at < 0 && size == MAX_BINS) {
            foldLowest(h, key);
            size = size(h);
            at = search(h, size, key);
        }
        if (at >= 0) {
            if (countOf(h[at + 1]) < MAX_COUNT) {
                h[at + 1]++;
            }
            return h;
        }
        int insert = -at - 1;
        if (size + 1 == h.length) {
            h = Arrays.copyOf(h, Math.max(5, size + 1 + (size >> 1) + 1));
        }
        System.arraycopy(h, insert + 1, h, insert + 2, size - insert);
        h[insert + 1] = ((long) key << 32) | 1L;
        h[0] = size + 1;
        return h;
    }

    /**
     * Makes room when full: a key below every bin takes over the lowest bin (whose samples it
     * stands for from then on); otherwise the lowest bin joins the next one. Only the lowest
     * quantiles lose accuracy.
     */
    private static void foldLowest(long[] h, int key) {
        if (key < keyOf(h[1])) {
            h[1] = ((long) key << 32) | countOf(h[1]);
            return;
        }
        dropLowest(h);
    }

    private static void dropLowest(long[] h) {
        int size = size(h);
        long joined = Math.min(MAX_COUNT, countOf(h[1]) + countOf(h[2]));
        h[2] = (h[2] & ~MAX_COUNT) | joined;
        System.arraycopy(h, 2, h, 1, size - 1);
        h[0] = size - 1;
    }

    /** Drops spare capacity, for a bucket that will see few or no more samples; returns the histogram. */
    static long[] trim(long[] h) {
        int size = size(h);
        if (size == 0) {
            return EMPTY;
        }
        return h.length > size + 1 ? Arrays.copyOf(h, size + 1) : h;
    }

    /** Empties the histogram; returns it (the shared empty one if it was large). */
    static long[] clear(long[] h) {
        if (h == EMPTY || h.length > 33) {
            return EMPTY;
        }
        h[0] = 0;
        return h;
    }

    /**
     * Adds {@code other}'s counts to {@code into}, folding the lowest bins past {@link #MAX_BINS};
     * returns the sum: {@code into} itself, merged in place, when it has room for the bins of both.
     */
    static long[] addAll(long[] into, long[] other) {
        int used = size(into);
        int size = size(other);
        if (size == 0) {
            return into;
        }
        int union = used + size - common(into, used, other, size);
        long[] merged = union + 1 <= into.length && into != EMPTY ? into : new long[union + 3];
        // From the largest key down, so merging in place never overwrites a bin not yet read.
        int i = used;
        int j = size;
        int n = union;
        while (j >= 1) {
            if (i >= 1 && keyOf(into[i]) > keyOf(other[j])) {
                merged[n--] = into[i--];
            } else if (i >= 1 && keyOf(into[i]) == keyOf(other[j])) {
                merged[n--] = (into[i] & ~MAX_COUNT) | Math.min(MAX_COUNT, countOf(into[i]) + countOf(other[j]));
                i--;
                j--;
            } else {
                merged[n--] = other[j--];
            }
        }
        if (merged != into) {
            System.arraycopy(into, 1, merged, 1, i);
        }
        merged[0] = union;
        while (size(merged) > MAX_BINS) {
            dropLowest(merged);
        }
        return merged;
    }

    /** How many keys the two histograms share. */
    private static int common(long[] a, int aSize, long[] b, int bSize) {
        int shared = 0;
        int i = 1;
        int j = 1;
        while (i <= aSize && j <= bSize) {
            int ka = keyOf(a[i]);
            int kb = keyOf(b[j]);
            if (ka < kb) {
                i++;
            } else if (kb < ka) {
                j++;
            } else {
                shared++;
                i++;
                j++;
            }
        }
        return shared;
    }

    private static int search(long[] h, int size, int key) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int k = keyOf(h[mid + 1]);
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
