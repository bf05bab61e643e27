package io.homeostat.engine.detect.anomaly;

import io.homeostat.core.time.Durations;
import io.homeostat.engine.detect.RepeatingDetector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link AnomalySeriesDetector} turns scores into detections. Immutable and thread-safe;
 * validated on creation.
 *
 * @param scorer the configuration of each series' {@link AnomalyDetector} (default
 *     {@link AnomalyDetectorConfig#ofDefaults()})
 * @param fireScore the score from which a sample fires an anomaly detection (default the scorer's
 *     {@link AnomalyDetectorConfig#alarmScore()}, 0.4, the threshold its NAB score was measured at)
 * @param calmSamples samples in a row below the fire score before a firing anomaly clears
 *     (default the scorer's quiet period plus 10: the scorer scores 0 for its quiet period after an
 *     alarm, so a clear means that many quiet samples after that)
 * @param limits how many series are scored at once (default {@link SeriesLimits#defaults()})
 * @param repeat how often, at most, a firing anomaly says so again until it clears (default
 *     {@link RepeatingDetector#DEFAULT_REPEAT}, 1 min; see {@link RepeatingDetector})
 * @param excluded series never scored (default none): series whose unusual values are not news,
 *     e.g. Homeostat's own ingest rate, which jumps whenever traffic starts. Threshold and trend
 *     rules still watch them.
 * @param learningSpan the least time, in the series' own sample times, from its first sample before
 *     it may fire (default {@link #DEFAULT_LEARNING_SPAN}, 1 min), beside the scorer's
 *     {@linkplain AnomalyDetectorConfig#learningPeriod() learning period} in samples: a series
 *     flooded with thousands of samples a second would otherwise be done learning within a second,
 *     from a moment of its life. Zero: the learning period alone.
 */
public record AnomalySeriesConfig(AnomalyDetectorConfig scorer, double fireScore, int calmSamples,
        SeriesLimits limits, Duration repeat, Set<SeriesKey> excluded, Duration learningSpan) {

    /** Default {@link #learningSpan()}: 1 minute. */
    public static final Duration DEFAULT_LEARNING_SPAN = Duration.ofMinutes(1);

    /**
     * @throws IllegalArgumentException if {@code fireScore} is not in (0, 1], {@code calmSamples} is
     *     below 1, {@code repeat} is not positive or {@code learningSpan} is negative
     * @throws NullPointerException if a reference is null
     */
    public AnomalySeriesConfig {
        Objects.requireNonNull(scorer, "scorer");
        if (!(fireScore > 0 && fireScore <= 1)) {
            throw new IllegalArgumentException("fireScore must be in (0, 1], was " + fireScore);
        }
        if (calmSamples < 1) {
            throw new IllegalArgumentException("calmSamples must be at least 1, was " + calmSamples);
        }
        Objects.requireNonNull(limits, "limits");
        Durations.requirePositive(repeat, "repeat");
        excluded = Set.copyOf(excluded);
        Durations.requireNonNegative(learningSpan, "learningSpan");
    }

    /** The defaults, from {@link AnomalyDetectorConfig#ofDefaults()}. */
    public static AnomalySeriesConfig ofDefaults() {
        return of(AnomalyDetectorConfig.ofDefaults());
    }

    /** The defaults around the scorer configuration {@code scorer}. */
    public static AnomalySeriesConfig of(AnomalyDetectorConfig scorer) {
        return new AnomalySeriesConfig(scorer, scorer.alarmScore(), scorer.quietPeriod() + 10, SeriesLimits.defaults(),
                RepeatingDetector.DEFAULT_REPEAT, Set.of(), DEFAULT_LEARNING_SPAN);
    }

    /** This configuration with other limits. */
    public AnomalySeriesConfig withLimits(SeriesLimits other) {
        return new AnomalySeriesConfig(scorer, fireScore, calmSamples, other, repeat, excluded, learningSpan);
    }

    /** This configuration with another fire score. */
    public AnomalySeriesConfig withFireScore(double score) {
        return new AnomalySeriesConfig(scorer, score, calmSamples, limits, repeat, excluded, learningSpan);
    }

    /** This configuration with another {@link #repeat()}. */
    public AnomalySeriesConfig withRepeat(Duration other) {
        return new AnomalySeriesConfig(scorer, fireScore, calmSamples, limits, other, excluded, learningSpan);
    }

    /** This configuration with other {@link #excluded()} series. */
    public AnomalySeriesConfig withExcluded(Set<SeriesKey> other) {
        return new AnomalySeriesConfig(scorer, fireScore, calmSamples, limits, repeat, other, learningSpan);
    }

    /** This configuration with another {@link #learningSpan()}. */
    public AnomalySeriesConfig withLearningSpan(Duration other) {
        return new AnomalySeriesConfig(scorer, fireScore, calmSamples, limits, repeat, excluded, other);
    }
}
