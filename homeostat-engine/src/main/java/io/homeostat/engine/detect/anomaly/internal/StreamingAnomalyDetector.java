package io.homeostat.engine.detect.anomaly.internal;

import io.homeostat.engine.detect.anomaly.AnomalyDetector;
import io.homeostat.engine.detect.anomaly.AnomalyDetectorConfig;
import io.homeostat.engine.detect.internal.TailProbability;

/**
 * The streaming anomaly detector. Each sample is predicted three ways: by the previous sample
 * (catches spikes, shifts and bursts of volatility), by a daily profile and by a weekly profile
 * (catch a missing peak, a flat stretch, a holiday). Each predictor's error feeds its own
 * {@link ErrorChannel}; of the predictors that fit the series (typical error within
 * {@value #FIT} times the best one's), the most surprised sets the score, so a seasonal series is
 * judged by its seasonal model and a non-seasonal one by its level. A jump the fitting seasonal
 * profile expected (error within twice its typical error) is not held against the level. A value beyond the range seen
 * so far (by more than 3% of that range and more than one typical step) scores 1. An
 * alarm gate then keeps one episode to one alarm: a score at or above the alarm score is an alarm; for
 * the quiet period after it every score is 0, and after that a new alarm must beat the last
 * alarm's score, a bar that fades linearly to nothing over four learning periods. (A benchmark
 * such as NAB, like an on-call engineer, values the first alert of an episode and counts every
 * further one outside it as a false positive.)
 *
 * <p>Work per sample is constant (a dozen arithmetic updates, one {@code exp}, one {@code log});
 * state is about 2 KB, 1.3 KB of it the two seasonal profiles. Not thread-safe.
 */
public final class StreamingAnomalyDetector implements AnomalyDetector {

    /** How much worse than the best predictor another may be and still be heard. */
    static final double FIT = 1.5;

    private static final long DAY_MILLIS = 86_400_000L;
    private static final int DAY_BUCKETS = 288;
    private static final int WEEK_BUCKETS = 336;
    private static final double SEASONAL_RATE = 0.25;
    private static final double EXTREME_TOLERANCE = 0.03;
    private static final int ALARM_MEMORY_PERIODS = 4;
    private static final double NOISE_STEPS = 1.0;
    private static final double EXPLAINED = 2.0;

    private final AnomalyDetectorConfig config;
    private final SeasonalProfile daily;
    private final SeasonalProfile weekly;
    private final ErrorChannel levelChannel;
    private final ErrorChannel dailyChannel;
    private final ErrorChannel weeklyChannel;
    private final double alarmMemory;
    /** The range of every value seen. */
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    /** The sample number and score of the last alarm; -1 before the first. */
    private long lastAlarm = -1;
    private double lastAlarmScore;
    private long samples;
    private double previous = Double.NaN;

    private StreamingAnomalyDetector(AnomalyDetectorConfig config) {
        this.config = config;
        int window = config.averagingWindow();
        int memory = config.learningPeriod();
        int likelihoodMemory = Math.max(window, memory / 2);
        this.daily = new SeasonalProfile(DAY_MILLIS, DAY_BUCKETS, SEASONAL_RATE);
        this.weekly = new SeasonalProfile(7 * DAY_MILLIS, WEEK_BUCKETS, SEASONAL_RATE);
        this.levelChannel = new ErrorChannel(window, memory, likelihoodMemory);
        this.dailyChannel = new ErrorChannel(window, memory, likelihoodMemory);
        this.weeklyChannel = new ErrorChannel(window, memory, likelihoodMemory);
        this.alarmMemory = (double) ALARM_MEMORY_PERIODS * config.learningPeriod();
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
        double tail = Double.isNaN(previous) ? 1.0 : predictorTail(timestampMillis, value);
        daily.learn(timestampMillis, value);
        weekly.learn(timestampMillis, value);
        previous = value;
        double score = extreme(value, NOISE_STEPS * levelChannel.typical()) ? 1.0 : TailProbability.logScore(tail);
        if (samples <= config.learningPeriod()) {
            return 0.0;
        }
        return gate(samples, score);
    }

    /**
     * Whether {@code value} is beyond every value seen so far by more than the larger of a
     * fraction of their range and {@code noise} (a spike or a level never visited); then learns it.
     */
    private boolean extreme(double value, double noise) {
        boolean extreme = false;
        if (max > min) {
            double margin = Math.max((max - min) * EXTREME_TOLERANCE, noise);
            extreme = value > max + margin || value < min - margin;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        return extreme;
    }

    /** The score to report for sample number {@code sample} whose score is {@code score}, through the alarm gate. */
    private double gate(long sample, double score) {
        if (lastAlarm >= 0) {
            long since = sample - lastAlarm;
            if (since <= config.quietPeriod() || score < lastAlarmScore * (1.0 - since / alarmMemory)) {
                return 0.0;
            }
        }
        if (score >= config.alarmScore()) {
            lastAlarm = sample;
            lastAlarmScore = score;
        }
        return score;
    }

    /** The smallest tail probability among the predictors that fit the series. */
    private double predictorTail(long timestampMillis, double value) {
        double dayPrediction = daily.predict(timestampMillis);
        double weekPrediction = weekly.predict(timestampMillis);
        double levelTail = levelChannel.update(Math.abs(value - previous));
        double dayError = Math.abs(value - dayPrediction);
        double weekError = Math.abs(value - weekPrediction);
        double dayTail = Double.isNaN(dayPrediction) ? 1.0 : dailyChannel.update(dayError);
        double weekTail = Double.isNaN(weekPrediction) ? 1.0 : weeklyChannel.update(weekError);
        boolean dayReady = ready(dailyChannel, dayPrediction);
        boolean weekReady = ready(weeklyChannel, weekPrediction);
        double best = levelChannel.typical();
        if (dayReady) {
            best = Math.min(best, dailyChannel.typical());
        }
        if (weekReady) {
            best = Math.min(best, weeklyChannel.typical());
        }
        double limit = FIT * best;
        boolean dayFits = dayReady && dailyChannel.typical() <= limit;
        boolean weekFits = weekReady && weeklyChannel.typical() <= limit;
        boolean explained = (dayFits && dayError <= EXPLAINED * dailyChannel.typical()
                || weekFits && weekError <= EXPLAINED * weeklyChannel.typical());
        double tail = 1.0;
        if (levelChannel.typical() <= limit && !explained) {
            tail = levelTail;
        }
        if (dayFits) {
            tail = Math.min(tail, dayTail);
        }
        if (weekFits) {
            tail = Math.min(tail, weekTail);
        }
        return tail;
    }

    private boolean ready(ErrorChannel channel, double prediction) {
        return !Double.isNaN(prediction) && channel.updates() > config.averagingWindow();
    }

    /** Approximate heap bytes of this detector's state (object headers and arrays included). */
    public int bytes() {
        return 16 + 8 * 8 + 8 + 8 + daily.bytes() + weekly.bytes() + levelChannel.bytes() + dailyChannel.bytes()
                + weeklyChannel.bytes() + 5 * 8;
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
