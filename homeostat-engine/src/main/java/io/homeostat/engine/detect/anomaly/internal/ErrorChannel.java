package io.homeostat.engine.detect.anomaly.internal;

/**
 * One predictor's error stream: its running typical error (winsorised, so one anomaly does not
 * retrain it), the raw anomaly {@code log(1 + error / typical)} and the windowed likelihood of
 * that raw anomaly. The logarithm keeps large errors large (a bounded raw score would cap the
 * surprise a noisy series can ever show) while taming heavy tails. Bounded memory. Not
 * thread-safe.
 */
final class ErrorChannel {

    private static final double ERROR_CLIP = 3.0;
    private static final int WARM_UP = 20;
    private static final double TINY = 1e-12;

    private final WindowedLikelihood likelihood;
    private final int memory;
    private long updates;
    private double typical;

    /**
     * @param window samples averaged by the likelihood
     * @param memory samples of memory of the typical error
     * @param likelihoodMemory samples of memory of the likelihood's distribution
     */
    ErrorChannel(int window, int memory, int likelihoodMemory) {
        this.likelihood = new WindowedLikelihood(window, likelihoodMemory);
        this.memory = memory;
    }

    /** Learns the absolute prediction error {@code error} and returns the likelihood's tail probability. */
    double update(double error) {
        updates++;
        double raw = Math.log1p(error / (typical + TINY));
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
