package io.homeostat.engine.detect.trend;

import java.util.Arrays;

/**
 * The trend state of one rule on one series: the medians of the window's closed buckets, and the
 * last (up to) 16 samples of the open bucket. Bounded: a few hundred bytes for a 20-bucket window.
 * Not thread-safe.
 */
final class RuleTrend {

    static final int BUCKET_SAMPLES = 16;

    /** The rule's index in the detector's rules (moves when the rules are replaced). */
    int rule;
    /** The median of closed bucket {@code i} at slot {@code i mod length}; NaN where no bucket closed. */
    final double[] medians;
    /** The index of the newest closed bucket. */
    long newest = Long.MIN_VALUE;
    final double[] open = new double[BUCKET_SAMPLES];
    int openCount;
    long openIndex = Long.MIN_VALUE;
    boolean firing;
    /** While firing: the end (sample time) of the bucket whose fit last said so. */
    long told;
    /** Fits in a row, while firing, that no longer support the prediction. */
    int misses;
    /** The limit was reached; no new prediction until the climb ends. */
    boolean reached;

    RuleTrend(int rule, int buckets) {
        this.rule = rule;
        this.medians = new double[buckets];
        Arrays.fill(medians, Double.NaN);
    }

    /** Keeps the last {@link #BUCKET_SAMPLES} samples of the open bucket. */
    void add(double value) {
        open[openCount % BUCKET_SAMPLES] = value;
        openCount++;
    }

    /**
     * Closes the open bucket into the ring (buckets skipped since the newest closed one are
     * marked empty); reorders the open samples.
     */
    void close() {
        if (newest != Long.MIN_VALUE) {
            long gap = Math.min(openIndex - newest - 1, medians.length);
            for (long i = 1; i <= gap; i++) {
                medians[slot(newest + i)] = Double.NaN;
            }
        }
        int n = Math.min(openCount, BUCKET_SAMPLES);
        medians[slot(openIndex)] = TheilSen.median(open, n);
        newest = openIndex;
        openCount = 0;
    }

    /** The ring slot of bucket {@code index}. */
    int slot(long index) {
        return (int) Math.floorMod(index, (long) medians.length);
    }
}
