package io.homeostat.engine.detect.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.detect.anomaly.AnomalyDetectorConfig;
import io.homeostat.engine.detect.internal.TailProbability;
import org.junit.jupiter.api.Test;

class StreamingAnomalyDetectorTest {

    @Test
    void stateIsSmallEnoughForTenThousandSeriesInFiftyMegabytes() {
        StreamingAnomalyDetector detector = StreamingAnomalyDetector.create(AnomalyDetectorConfig.ofDefaults());
        long before = detector.bytes();
        for (int i = 0; i < 100_000; i++) {
            detector.score(1_400_000_000_000L + i * 60_000L, i % 17);
        }

        assertThat(detector.bytes()).isEqualTo(before);
        assertThat(10_000L * detector.bytes()).isLessThan(50L * 1024 * 1024);
    }

    @Test
    void tailProbabilityMatchesTheNormalDistribution() {
        assertThat(TailProbability.upper(0.0)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(TailProbability.upper(1.96)).isCloseTo(0.0249979, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(TailProbability.upper(-1.0)).isCloseTo(0.8413447, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(TailProbability.logScore(1e-5)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(TailProbability.logScore(1.0)).isZero();
        assertThat(TailProbability.logScore(0.5)).isZero();
        assertThat(TailProbability.logScore(0.0)).isEqualTo(1.0);
    }
}
