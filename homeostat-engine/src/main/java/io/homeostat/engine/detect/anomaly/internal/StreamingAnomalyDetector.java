package io.homeostat.engine.detect.anomaly.internal;

import io.homeostat.engine.detect.anomaly.AnomalyDetector;
import io.homeostat.engine.detect.anomaly.AnomalyDetectorConfig;

/**
 * The streaming anomaly detector: predicts each sample from the previous one and from a daily
 * profile (whichever has predicted better lately), turns the prediction error into a bounded
 * raw anomaly, scores the tail probability of its recent mean, and keeps quiet for a while
 * after an alarm. Not thread-safe.
 */
public final class StreamingAnomalyDetector implements AnomalyDetector {

    private static final long DAY_MILLIS = 86_400_000L;
    private static final int DAY_BUCKETS = 96;
    private static final double SEASONAL_RATE = 0.25;
    private static final double SEASONAL_ADVANTAGE = 0.8;

    private final AnomalyDetectorConfig config;
    private final SeasonalProfile daily;
    private final WindowedLikelihood likelihood;
    private long samples;
    private double previous = Double.NaN;
    private double levelError;
    private double seasonalError;
    private double typicalError;
    private long quietUntil = -1;

    private StreamingAnomalyDetector(AnomalyDetectorConfig config) {
        this.config = config;
        this.daily = new SeasonalProfile(DAY_MILLIS, DAY_BUCKETS, SEASONAL_RATE);
        this.likelihood = new WindowedLikelihood(config.averagingWindow(), config.learningPeriod());
    }

    /** A new detector for {@code config} (not null). */
    public static StreamingAnomalyDetector create(AnomalyDetectorConfig config) {
        return new StreamingAnomalyDetector(config);
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            return 0.0;
        }
        samples++;
        double rate = 1.0 / Math.min(samples, config.learningPeriod());
        double seasonal = daily.predict(timestampMillis);
        double error = 0.0;
        if (!Double.isNaN(previous)) {
            double eLevel = Math.abs(value - previous);
            levelError += rate * (eLevel - levelError);
            error = eLevel;
            if (!Double.isNaN(seasonal)) {
                double eSeason = Math.abs(value - seasonal);
                if (seasonalError == 0.0) {
                    seasonalError = levelError;
                }
                if (seasonalError < SEASONAL_ADVANTAGE * levelError) {
                    error = eSeason;
                }
                seasonalError += rate * (eSeason - seasonalError);
            }
        }
        daily.learn(timestampMillis, value);
        previous = value;
        double raw = error / (error + typicalError + 1e-12);
        typicalError += rate * (error - typicalError);
        double score = TailProbability.logScore(likelihood.update(raw));
        if (samples <= config.learningPeriod()) {
            return 0.0;
        }
        if (samples <= quietUntil) {
            return 0.0;
        }
        if (score >= config.alarmScore()) {
            quietUntil = samples + config.quietPeriod();
        }
        return score;
    }

    @Override
    public AnomalyDetectorConfig config() {
        return config;
    }

    @Override
    public long samples() {
        return samples;
    }
}
