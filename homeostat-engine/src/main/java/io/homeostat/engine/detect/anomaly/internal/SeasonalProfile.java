package io.homeostat.engine.detect.anomaly.internal;

import java.util.Arrays;

/**
 * The usual value at each phase of a period (a day, a week), as an exponentially weighted mean
 * per time bucket. Bounded: one float per bucket. Not thread-safe.
 */
final class SeasonalProfile {

    private final long periodMillis;
    private final float[] buckets;
    private final float rate;
    private long firstMillis = Long.MIN_VALUE;

    SeasonalProfile(long periodMillis, int bucketCount, double rate) {
        this.periodMillis = periodMillis;
        this.buckets = new float[bucketCount];
        this.rate = (float) rate;
        Arrays.fill(buckets, Float.NaN);
    }

    /** The usual value at {@code timestampMillis}, or NaN until a whole period has been seen. */
    double predict(long timestampMillis) {
        if (firstMillis == Long.MIN_VALUE || timestampMillis - firstMillis < periodMillis) {
            return Double.NaN;
        }
        return buckets[bucket(timestampMillis)];
    }

    /** Learns {@code value} at {@code timestampMillis}. */
    void learn(long timestampMillis, double value) {
        if (firstMillis == Long.MIN_VALUE) {
            firstMillis = timestampMillis;
        }
        int b = bucket(timestampMillis);
        float old = buckets[b];
        buckets[b] = Float.isNaN(old) ? (float) value : old + rate * ((float) value - old);
    }

    private int bucket(long timestampMillis) {
        long phase = Math.floorMod(timestampMillis, periodMillis);
        return (int) (phase * buckets.length / periodMillis);
    }

    /** Approximate heap bytes of this profile. */
    int bytes() {
        return 16 + 8 + 8 + 4 + 8 + 16 + 4 * buckets.length;
    }
}
