package io.homeostat.engine.detect.anomaly.internal;

import java.util.Arrays;

/**
 * The usual value at each phase of a period (a day, a week), as an exponentially weighted mean
 * per time bucket. Bounded: 16 bits per bucket.
 *
 * <p>A bucket holds its value's deviation from the profile's centre, times a power-of-two scale,
 * as a half-precision float: relative to the deviation, so a level far above its noise keeps the
 * noise's precision (about 0.05 % of a deviation), and through the scale, values of any magnitude
 * fit. The centre moves to the mean of the buckets once a period (a level shift does not leave the
 * profile far from its centre); a deviation that would overflow halves the scale until it fits,
 * re-encoding every bucket. Not thread-safe.
 */
final class SeasonalProfile {

    private static final short EMPTY = Float.floatToFloat16(Float.NaN);
    /** Codes above this in magnitude make the scale shrink (half-floats end at 65,504). */
    private static final float MAX_CODE = 32_768f;
    /** A centre's deviations are scaled to at most this, leaving room to grow. */
    private static final double ROOM = 8_192;
    /** The smallest magnitude a first value sets the scale by, 2^-60 (a first 0 would set none). */
    private static final int MIN_EXPONENT = -60;
    /** The largest scale, 2^900. */
    private static final int MAX_EXPONENT = 900;

    private final long periodMillis;
    private final short[] buckets;
    private final double rate;
    private long firstMillis = Long.MIN_VALUE;
    private long centredPeriod;
    private double centre;
    private double scale;

    SeasonalProfile(long periodMillis, int bucketCount, double rate) {
        this.periodMillis = periodMillis;
        this.buckets = new short[bucketCount];
        this.rate = rate;
        Arrays.fill(buckets, EMPTY);
    }

    /** The usual value at {@code timestampMillis}, or NaN until a whole period has been seen. */
    double predict(long timestampMillis) {
        if (firstMillis == Long.MIN_VALUE || timestampMillis - firstMillis < periodMillis) {
            return Double.NaN;
        }
        return decode(buckets[bucket(timestampMillis)]);
    }

    /** Learns {@code value} at {@code timestampMillis}. */
    void learn(long timestampMillis, double value) {
        long period = Math.floorDiv(timestampMillis, periodMillis);
        if (firstMillis == Long.MIN_VALUE) {
            firstMillis = timestampMillis;
            centredPeriod = period;
            centre = value;
            // A deviation of 1/1024 of the first value codes as about 1.
            scale = Math.scalb(1.0, 10 - Math.max(Math.getExponent(value), MIN_EXPONENT));
        } else if (period > centredPeriod) {
            centredPeriod = period;
            recentre();
        }
        int b = bucket(timestampMillis);
        double old = decode(buckets[b]);
        buckets[b] = encode(Double.isNaN(old) ? value : old + rate * (value - old));
    }

    private double decode(short code) {
        return centre + Float.float16ToFloat(code) / scale;
    }

    private short encode(double value) {
        double code = (value - centre) * scale;
        if (Math.abs(code) > MAX_CODE) {
            int shrink = Math.getExponent(code) - Math.getExponent(ROOM);
            rescale(Math.scalb(1.0, -shrink));
            scale = Math.scalb(scale, -shrink);
            code = (value - centre) * scale;
        }
        return Float.floatToFloat16((float) code);
    }

    private void rescale(double factor) {
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != EMPTY) {
                buckets[i] = Float.floatToFloat16((float) (Float.float16ToFloat(buckets[i]) * factor));
            }
        }
    }

    /** Moves the centre to the mean of the buckets and the scale to fit their deviations. */
    private void recentre() {
        double sum = 0;
        int n = 0;
        for (short code : buckets) {
            if (code != EMPTY) {
                sum += decode(code);
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        double mean = sum / n;
        double widest = 0;
        for (short code : buckets) {
            if (code != EMPTY) {
                widest = Math.max(widest, Math.abs(decode(code) - mean));
            }
        }
        double newScale = widest > 0
                ? Math.scalb(1.0, Math.min(MAX_EXPONENT, Math.getExponent(ROOM / widest)))
                : scale;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] != EMPTY) {
                double value = decode(buckets[i]);
                buckets[i] = Float.floatToFloat16((float) ((value - mean) * newScale));
            }
        }
        centre = mean;
        scale = newScale;
    }

    private int bucket(long timestampMillis) {
        long phase = Math.floorMod(timestampMillis, periodMillis);
        return (int) (phase * buckets.length / periodMillis);
    }

    /** Approximate heap bytes of this profile. */
    int bytes() {
        return 16 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 16 + 2 * buckets.length;
    }
}
