package io.homeostat.engine.detect.anomaly.internal;

/**
 * How surprising the recent mean of a raw anomaly is, against the long-run distribution
 * of that mean (in the manner of HTM's anomaly likelihood): the upper tail probability of a
 * normal fitted by exponentially weighted moments. Updates are winsorised so one anomaly does not
 * blunt the next. Bounded: a ring of {@code window} doubles. Not thread-safe.
 */
final class WindowedLikelihood {

    private static final double MIN_STD = 0.02;
    private static final double WINSOR_Z = 6.0;

    private final double[] ring;
    private final int memory;
    private int next;
    private int filled;
    private double sum;
    private long updates;
    private double mean;
    private double variance;

    /**
     * @param window samples averaged
     * @param memory samples of memory of the distribution (its exponential weighting's span)
     */
    WindowedLikelihood(int window, int memory) {
        this.ring = new double[window];
        this.memory = memory;
    }

    /** Adds {@code raw} (zero or positive) and returns the tail probability of the new window mean. */
    double update(double raw) {
        sum += raw - ring[next];
        ring[next] = raw;
        next = (next + 1) % ring.length;
        filled = Math.min(filled + 1, ring.length);
        double average = sum / filled;
        double std = Math.max(Math.sqrt(variance), MIN_STD);
        double tail = updates < 2 ? 1.0 : TailProbability.upper((average - mean) / std);
        learn(average, std);
        return tail;
    }

    /** Folds {@code average} into the distribution, winsorised at {@code WINSOR_Z} deviations. */
    private void learn(double average, double std) {
        updates++;
        double rate = 1.0 / Math.min(updates, memory);
        double x = updates > 2 ? Math.min(average, mean + WINSOR_Z * std) : average;
        double delta = x - mean;
        mean += rate * delta;
        variance = (1 - rate) * (variance + rate * delta * delta);
    }

    /** Approximate heap bytes. */
    int bytes() {
        return 16 + 8 + 4 * 3 + 8 * 4 + 16 + 8 * ring.length;
    }
}
