package io.homeostat.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionTriggersTest {

    private static Detection of(Detection.Kind kind, String category, String signature) {
        return new Detection("d", "x", kind, Detection.Status.FIRING, new SeriesKey("svc", "m"), category, signature,
                Severity.HIGH, 1, "", Map.of(), Instant.EPOCH);
    }

    @Test
    void mapsEachKindOfDetection() {
        assertThat(DetectionTriggers.of(of(Detection.Kind.EVENT, "availability", "circuit_open")))
                .isEqualTo(TriggerType.CIRCUIT_OPEN);
        assertThat(DetectionTriggers.of(of(Detection.Kind.EVENT, "health", "db-ping down")))
                .isEqualTo(TriggerType.HEALTH_CHECK_FAILED);
        assertThat(DetectionTriggers.of(of(Detection.Kind.EVENT, "errors", "burst"))).isEqualTo(TriggerType.ERROR_THRESHOLD);
        assertThat(DetectionTriggers.of(of(Detection.Kind.THRESHOLD, "errors", "rate"))).isEqualTo(TriggerType.ERROR_THRESHOLD);
        assertThat(DetectionTriggers.of(of(Detection.Kind.PREDICTION, "resource", "heap"))).isEqualTo(TriggerType.PREDICTION);
        assertThat(DetectionTriggers.of(of(Detection.Kind.ANOMALY, "latency", "anomaly"))).isEqualTo(TriggerType.ANOMALY);
        assertThat(DetectionTriggers.of(of(Detection.Kind.PATTERN, "errors", "daily"))).isEqualTo(TriggerType.PATTERN);
    }

    @Test
    void theEventAPersonsManualRunOpensItsIncidentWithIsManual() {
        assertThat(DetectionTriggers.of(of(Detection.Kind.EVENT, DetectionTriggers.MANUAL, "manual:approve-me")))
                .isEqualTo(TriggerType.MANUAL);
    }
}
