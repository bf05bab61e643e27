package io.homeostat.engine.detect.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnomalyDetectorConfigTest {

    @Test
    void defaultsAreDocumentedValues() {
        AnomalyDetectorConfig config = AnomalyDetectorConfig.ofDefaults();

        assertThat(config.learningPeriod()).isEqualTo(500);
        assertThat(config.averagingWindow()).isEqualTo(5);
        assertThat(config.quietPeriod()).isEqualTo(125);
        assertThat(config.alarmScore()).isEqualTo(0.4);
    }

    @Test
    void quietPeriodDefaultsToAQuarterOfTheLearningPeriodUnlessSet() {
        assertThat(AnomalyDetectorConfig.builder().learningPeriod(800).build().quietPeriod()).isEqualTo(200);
        assertThat(AnomalyDetectorConfig.builder().learningPeriod(800).quietPeriod(0).build().quietPeriod()).isZero();
    }

    @Test
    void rejectsOutOfRangeValuesInsteadOfClamping() {
        assertThatThrownBy(() -> AnomalyDetectorConfig.builder().learningPeriod(9).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningPeriod");
        assertThatThrownBy(() -> AnomalyDetectorConfig.builder().averagingWindow(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averagingWindow");
        assertThatThrownBy(() -> AnomalyDetectorConfig.builder().learningPeriod(10).averagingWindow(11).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnomalyDetectorConfig.builder().quietPeriod(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnomalyDetectorConfig.builder().alarmScore(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnomalyDetectorConfig.builder().alarmScore(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnomalyDetectorConfig(100, 5, -1, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
