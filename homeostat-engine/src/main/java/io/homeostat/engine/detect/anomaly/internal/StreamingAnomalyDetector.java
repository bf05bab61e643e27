package io.homeostat.engine.detect.anomaly.internal;

import io.homeostat.engine.detect.anomaly.AnomalyDetector;
import io.homeostat.engine.detect.anomaly.AnomalyDetectorConfig;

/**
 * The streaming anomaly detector: predicts each sample from the previous one and from daily
 * and weekly profiles, turns each predictor's error into a bounded raw anomaly, scores the tail
 * probability of its recent mean, takes the most surprised predictor among those that fit the
 * series, flags new extremes, and keeps quiet for a while after an alarm. Not thread-safe.
 */
public final class StreamingAnomalyDetector implements AnomalyDetector {

    static final boolean DEBUG = Boolean.getBoolean("nabdebug");
    static final long FROM = Long.getLong("from", 0), TO = Long.getLong("to", 0);
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int DAY_BUCKETS = 288;
    private static final int WEEK_BUCKETS = 336;
    private static final double SEASONAL_RATE = 0.25;
    private static final double SEASONAL_FIT = 1.5;
    private static final double EXTREME_TOLERANCE = 0.05;

    private final AnomalyDetectorConfig config;
    private final SeasonalProfile daily;
    private final SeasonalProfile weekly;
    private final ErrorChannel levelChannel;
    private final ErrorChannel dailyChannel;
    private final ErrorChannel weeklyChannel;
    private long samples;
    private double previous = Double.NaN;
    private long quietUntil = -1;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    private StreamingAnomalyDetector(AnomalyDetectorConfig config) {
        this.config = config;
        this.daily = new SeasonalProfile(DAY_MILLIS, DAY_BUCKETS, SEASONAL_RATE);
        this.weekly = new SeasonalProfile(7 * DAY_MILLIS, WEEK_BUCKETS, SEASONAL_RATE);
        this.levelChannel = new ErrorChannel(config.averagingWindow(), config.learningPeriod());
        this.dailyChannel = new ErrorChannel(config.averagingWindow(), config.learningPeriod());
        this.weeklyChannel = new ErrorChannel(config.averagingWindow(), config.learningPeriod());
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
        double tail = 1.0;
        if (!Double.isNaN(previous)) {
            double dayPrediction = daily.predict(timestampMillis);
            double weekPrediction = weekly.predict(timestampMillis);
            double levelTail = levelChannel.update(Math.abs(value - previous));
            double dayTail = Double.isNaN(dayPrediction) ? 1.0 : dailyChannel.update(Math.abs(value - dayPrediction));
            double weekTail = Double.isNaN(weekPrediction) ? 1.0 : weeklyChannel.update(Math.abs(value - weekPrediction));
            double best = levelChannel.typical();
            boolean dayReady = ready(dailyChannel, dayPrediction);
            boolean weekReady = ready(weeklyChannel, weekPrediction);
            if (dayReady) {
                best = Math.min(best, dailyChannel.typical());
            }
            if (weekReady) {
                best = Math.min(best, weeklyChannel.typical());
            }
            double limit = SEASONAL_FIT * best;
            if (levelChannel.typical() <= limit) {
                tail = Math.min(tail, levelTail);
            }
            if (dayReady && dailyChannel.typical() <= limit) {
                tail = Math.min(tail, dayTail);
            }
            if (weekReady && weeklyChannel.typical() <= limit) {
                tail = Math.min(tail, weekTail);
            }
        }
        daily.learn(timestampMillis, value);
        weekly.learn(timestampMillis, value);
        previous = value;
        double score = TailProbability.logScore(tail);
        if (DEBUG && samples >= FROM && samples <= TO) System.err.printf("%d v=%.3f day=%.3f wk=%.3f typ=%.4f/%.4f/%.4f score=%.3f%n", samples, value, daily.predict(timestampMillis), weekly.predict(timestampMillis), levelChannel.typical(), dailyChannel.typical(), weeklyChannel.typical(), score);
        if (max > min) {
            double tolerance = (max - min) * EXTREME_TOLERANCE;
            if (value > max + tolerance || value < min - tolerance) {
                score = 1.0;
            }
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (samples <= config.learningPeriod() || samples <= quietUntil) {
            return 0.0;
        }
        if (score >= config.alarmScore()) {
            quietUntil = samples + config.quietPeriod();
        }
        return score;
    }

    private boolean ready(ErrorChannel channel, double prediction) {
        return !Double.isNaN(prediction) && channel.updates() > config.averagingWindow();
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
