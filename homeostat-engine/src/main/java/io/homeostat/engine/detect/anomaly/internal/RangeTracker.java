package io.homeostat.engine.detect.anomaly.internal;

/**
 * Flags values beyond every value seen so far by more than a fraction of the range seen (a new
 * extreme: a spike or a shift to a level never visited). Two doubles of state. Not thread-safe.
 */
final class RangeTracker {

    private final double tolerance;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** @param tolerance the fraction of the range a value must exceed the range by */
    RangeTracker(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * Whether {@code value} is a new extreme, beyond the range by more than the larger of the
     * tolerance and {@code noise}; then learns it.
     */
    boolean update(double value, double noise) {
        boolean extreme = false;
        if (max > min) {
            double margin = Math.max((max - min) * tolerance, noise);
            extreme = value > max + margin || value < min - margin;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        return extreme;
    }

    /** Approximate heap bytes. */
    int bytes() {
        return 16 + 3 * 8;
    }
}
