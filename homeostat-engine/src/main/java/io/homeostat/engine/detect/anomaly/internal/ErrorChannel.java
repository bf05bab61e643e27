package io.homeostat.engine.detect.anomaly.internal;

import io.homeostat.engine.detect.internal.TailProbability;

/**
 * One predictor's error stream: its running typical error (winsorised, so one anomaly does not
 * retrain it), the raw anomaly {@code log(1 + error / typical)}, and how surprising the recent
 * mean of that raw anomaly is against the long-run distribution of that mean (in the manner of
 * HTM's anomaly likelihood): the upper tail probability of a normal fitted by exponentially
 * weighted moments, whose updates are winsorised too. The logarithm keeps large errors large (a
 * bounded raw score would cap the surprise a noisy series can ever show) while taming heavy tails.
 * Bounded: a ring of {@code window} doubles and a few numbers, in one object besides the ring.
 * Not thread-safe.
 */
final class ErrorChannel {

    private static final double ERROR_CLIP = 3.0;
    private static final int WARM_UP = 20;
    private static final double TINY = 1e-12;
    private static final double MIN_STD = 0.02;
    private static final double WINSOR_Z = 6.0;

    private final int memory;
    private final int likelihoodMemory;
    /** The last {@code window} raw anomalies. */
    private final double[] ring;
    private int next;
    private int filled;
    private double sum;
    private long updates;
    private double typical;
    /** The long-run mean and variance of the windowed mean of the raw anomaly. */
    private double mean;
    private double variance;

    /**
     * @param window samples averaged by the likelihood
     * @param memory samples of memory of the typical error
     * @param likelihoodMemory samples of memory of the likelihood's distribution
     */
    ErrorChannel(int window, int memory, int likelihoodMemory) {
        this.ring = new double[window];
        this.memory = memory;
        this.likelihoodMemory = likelihoodMemory;
    }

    /** Learns the absolute prediction error {@code error} and returns the likelihood's tail probability. */
    double update(double error) {
        updates++;
        double raw = Math.log1p(error / (typical + TINY));
        double rate = 1.0 / Math.min(updates, memory);
        double clipped = updates < WARM_UP || typical == 0.0 ? error : Math.min(error, ERROR_CLIP * typical);
        typical += rate * (clipped - typical);
        return likelihood(raw);
    }

    /** Adds {@code raw} (zero or positive) to the window and returns the tail probability of the new window mean. */
    private double likelihood(double raw) {
        sum += raw - ring[next];
        ring[next] = raw;
        next = (next + 1) % ring.length;
        filled = Math.min(filled + 1, ring.length);
        double average = sum / filled;
        double std = Math.max(Math.sqrt(variance), MIN_STD);
        // The distribution has learned updates - 1 averages so far. A mean at or below the usual
        // one has a tail of at least 0.5, which scores 0 like 1 does (TailProbability.logScore):
        // it skips the exponential.
        double z = (average - mean) / std;
        double tail = updates - 1 < 2 || z <= 0 ? 1.0 : TailProbability.upper(z);
        learn(average, std);
        return tail;
    }

    /** Folds {@code average} into the distribution (its {@code updates}-th), winsorised at {@code WINSOR_Z} deviations. */
    private void learn(double average, double std) {
        double rate = 1.0 / Math.min(updates, likelihoodMemory);
        double x = updates > 2 ? Math.min(average, mean + WINSOR_Z * std) : average;
        double delta = x - mean;
        mean += rate * delta;
        variance = (1 - rate) * (variance + rate * delta * delta);
    }

    /** The running typical (mean absolute, winsorised) error. */
    double typical() {
        return typical;
    }

    /** Errors learned. */
    long updates() {
        return updates;
    }

    /** Approximate heap bytes. */
    int bytes() {
        return 16 + 4 * 5 + 8 * 5 + 16 + 8 * ring.length;
    }
}
