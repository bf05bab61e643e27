package io.homeostat.engine.detect.anomaly.internal;

/**
 * One predictor's error stream: its running typical error (winsorised, so one anomaly does not
 * retrain it), the bounded raw anomaly {@code e / (e + typical)} and the windowed likelihood of
 * that raw anomaly. Bounded memory. Not thread-safe.
 */
final class ErrorChannel {

    private static final double ERROR_CLIP = 3.0;
    private static final int WARM_UP = 20;

    private final WindowedLikelihood likelihood;
    private final int memory;
    private long updates;
    private double typical;

    ErrorChannel(int window, int memory) {
        this.likelihood = new WindowedLikelihood(window, memory);
        this.memory = memory;
    }

    /** Learns the absolute prediction error {@code error} and returns the likelihood's tail probability. */
    double update(double error) {
        updates++;
        double raw = error / (error + typical + 1e-12);
        double rate = 1.0 / Math.min(updates, memory);
        double clipped = updates < WARM_UP || typical == 0.0 ? error : Math.min(error, ERROR_CLIP * typical);
        typical += rate * (clipped - typical);
        return likelihood.update(raw);
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
        return 16 + 4 + 8 + 8 + 8 + likelihood.bytes();
    }
}
