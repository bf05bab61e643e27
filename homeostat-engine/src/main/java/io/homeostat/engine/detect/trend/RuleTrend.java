package io.homeostat.engine.detect.trend;

import java.util.Arrays;

/**
 * The trend state of one rule on one series: the medians of the window's closed buckets, and the
 * last (up to) 16 samples of the open bucket. Bounded: a few hundred bytes for a 20-bucket window.
 * Not thread-safe.
 */
final class RuleTrend {

    static final int BUCKET_SAMPLES = 16;

    final int rule;
    final double[] medians;
    final long[] indices;
    final double[] open = new double[BUCKET_SAMPLES];
    int openCount;
    long openIndex = Long.MIN_VALUE;
    boolean firing;
    /** Fits in a row, while firing, that no longer support the prediction. */
    int misses;
    /** The limit was reached; no new prediction until the climb ends. */
    boolean reached;

    RuleTrend(int rule, int buckets) {
        this.rule = rule;
        this.medians = new double[buckets];
        this.indices = new long[buckets];
        Arrays.fill(indices, Long.MIN_VALUE);
    }

    /** Keeps the last {@link #BUCKET_SAMPLES} samples of the open bucket. */
    void add(double value) {
        open[openCount % BUCKET_SAMPLES] = value;
        openCount++;
    }

    /** Closes the open bucket into the ring; reorders the open samples. */
    void close() {
        int n = Math.min(openCount, BUCKET_SAMPLES);
        int slot = (int) Math.floorMod(openIndex, (long) medians.length);
        medians[slot] = TheilSen.median(open, n);
        indices[slot] = openIndex;
        openCount = 0;
    }
}
