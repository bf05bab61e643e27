package io.homeostat.engine.detect.anomaly;

/**
 * How an {@link AnomalyDetector} learns and alarms. Immutable and thread-safe; validated on
 * creation (bad values are rejected, never clamped).
 *
 * @param learningPeriod samples that only teach the detector and score 0 (default 500); also the
 *     memory of its long-run statistics, in samples
 * @param averagingWindow samples whose mean prediction error is compared with the long-run
 *     distribution of that mean (default 5)
 * @param quietPeriod samples after an alarm that score 0 (default {@code learningPeriod / 4}); after
 *     it, a new alarm must beat the last one's score, a bar that fades over four learning periods
 * @param alarmScore the score from which a sample counts as an alarm for the quiet period
 *     (default 0.4)
 */
public record AnomalyDetectorConfig(int learningPeriod, int averagingWindow, int quietPeriod, double alarmScore) {

    /** Default {@link #learningPeriod()}. */
    public static final int DEFAULT_LEARNING_PERIOD = 500;
    /** Default {@link #averagingWindow()}. */
    public static final int DEFAULT_AVERAGING_WINDOW = 5;
    /** Default {@link #alarmScore()}. */
    public static final double DEFAULT_ALARM_SCORE = 0.4;

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException if {@code learningPeriod} is below 10,
     *     {@code averagingWindow} is not in [1, 100] or above {@code learningPeriod},
     *     {@code quietPeriod} is negative, or {@code alarmScore} is not in (0, 1]
     */
    public AnomalyDetectorConfig {
        if (learningPeriod < 10) {
            throw new IllegalArgumentException("learningPeriod must be at least 10, was " + learningPeriod);
        }
        if (averagingWindow < 1 || averagingWindow > 100 || averagingWindow > learningPeriod) {
            throw new IllegalArgumentException(
                    "averagingWindow must be in [1, min(100, learningPeriod)], was " + averagingWindow);
        }
        if (quietPeriod < 0) {
            throw new IllegalArgumentException("quietPeriod must not be negative, was " + quietPeriod);
        }
        if (!(alarmScore > 0 && alarmScore <= 1)) {
            throw new IllegalArgumentException("alarmScore must be in (0, 1], was " + alarmScore);
        }
    }

    /** The defaults: learning period 500, averaging window 5, quiet period 125, alarm score 0.4. */
    public static AnomalyDetectorConfig ofDefaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AnomalyDetectorConfig}; not thread-safe. */
    public static final class Builder {
        private int learningPeriod = DEFAULT_LEARNING_PERIOD;
        private int averagingWindow = DEFAULT_AVERAGING_WINDOW;
        private int quietPeriod = -1;
        private double alarmScore = DEFAULT_ALARM_SCORE;

        private Builder() {}

        /** Sets {@link AnomalyDetectorConfig#learningPeriod()}; validated by {@link #build()}. */
        public Builder learningPeriod(int samples) {
            this.learningPeriod = samples;
            return this;
        }

        /** Sets {@link AnomalyDetectorConfig#averagingWindow()}; validated by {@link #build()}. */
        public Builder averagingWindow(int samples) {
            this.averagingWindow = samples;
            return this;
        }

        /** Sets {@link AnomalyDetectorConfig#quietPeriod()}; unset means a quarter of the learning period. */
        public Builder quietPeriod(int samples) {
            if (samples < 0) {
                throw new IllegalArgumentException("quietPeriod must not be negative, was " + samples);
            }
            this.quietPeriod = samples;
            return this;
        }

        /** Sets {@link AnomalyDetectorConfig#alarmScore()}; validated by {@link #build()}. */
        public Builder alarmScore(double score) {
            this.alarmScore = score;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if a value is out of range (see the record)
         */
        public AnomalyDetectorConfig build() {
            int quiet = quietPeriod >= 0 ? quietPeriod : learningPeriod / 4;
            return new AnomalyDetectorConfig(learningPeriod, averagingWindow, quiet, alarmScore);
        }
    }
}
