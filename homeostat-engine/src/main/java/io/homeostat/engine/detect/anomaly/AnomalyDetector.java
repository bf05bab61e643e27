package io.homeostat.engine.detect.anomaly;

import io.homeostat.engine.detect.anomaly.internal.StreamingAnomalyDetector;
import java.util.Objects;

/**
 * Scores the samples of one metric series, in stream order, as they arrive: 0 means usual, 1
 * means as unusual as the detector can tell. The first {@link AnomalyDetectorConfig#learningPeriod()}
 * samples only teach it and score 0. Each sample costs bounded work and the state is bounded
 * (about 2 KB, whatever the length of the stream); the scores depend only on the samples
 * fed, so runs are reproducible.
 *
 * <p>Not thread-safe: one detector per series, fed by one thread at a time (or externally
 * synchronised).
 */
public interface AnomalyDetector {

    /**
     * Learns the sample and returns its anomaly score in [0, 1]. Timestamps should not go
     * backwards by much; a sample out of order is scored like any other. A non-finite value
     * scores 0 and is not learned.
     *
     * @param timestampMillis the sample's time, epoch milliseconds (used for daily and weekly seasonality)
     * @param value the sample's value
     * @return the anomaly score, 0 during the learning period
     */
    double score(long timestampMillis, double value);

    /** The configuration this detector was created with. */
    AnomalyDetectorConfig config();

    /** Samples seen so far, the non-finite ones excluded. */
    long samples();

    /**
     * A new detector for one series.
     *
     * @throws NullPointerException if {@code config} is null
     */
    static AnomalyDetector create(AnomalyDetectorConfig config) {
        return StreamingAnomalyDetector.create(Objects.requireNonNull(config, "config"));
    }

    /** A new detector with {@link AnomalyDetectorConfig#ofDefaults()}. */
    static AnomalyDetector ofDefaults() {
        return create(AnomalyDetectorConfig.ofDefaults());
    }
}
