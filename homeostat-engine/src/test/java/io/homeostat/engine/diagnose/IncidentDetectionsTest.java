package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentDetectionsTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);
    private final IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).build();
    private final IncidentDetections detections = new IncidentDetections();

    @Test
    void keepsTheFirstAndLatestFiringOfEachFingerprintOfAnIncident() {
        tracker.listen(detections);
        Detection first = trouble.threshold("orders", "error.rate", "errors", 0.2, Severity.HIGH);
        Incident incident = tracker.observe(first).orElseThrow();
        Detection middle = trouble.threshold("orders", "error.rate", "errors", 0.3, Severity.HIGH);
        tracker.observe(middle);
        Detection latest = trouble.threshold("orders", "error.rate", "errors", 0.4, Severity.HIGH);
        tracker.observe(latest);
        Detection slow = trouble.threshold("orders", "latency.p95", "latency", 900, Severity.MEDIUM);
        tracker.observe(slow);

        assertThat(detections.of(incident.id())).containsExactly(first, slow, latest);
    }

    @Test
    void ignoresClearedDetectionsAndForgetsResolvedIncidents() {
        tracker.listen(detections);
        Detection firing = trouble.threshold("orders", "error.rate", "errors", 0.2, Severity.HIGH);
        Incident incident = tracker.observe(firing).orElseThrow();
        tracker.observe(new Detection("c1", "threshold", Detection.Kind.THRESHOLD, Detection.Status.CLEARED,
                new SeriesKey("orders", "error.rate"), "errors", "error.rate>limit", Severity.INFO, 1, "",
                Map.of(), clock.instant()));
        assertThat(detections.of(incident.id())).containsExactly(firing);

        clock.advance(tracker.config().holdPeriod().plus(Duration.ofSeconds(1)));
        tracker.tick();

        assertThat(detections.of(incident.id())).isEmpty();
    }

    @Test
    void keepsABoundedNumberOfFingerprintsPerIncident() {
        tracker.listen(detections);
        Incident incident = tracker.observe(trouble.threshold("orders", "m0", "errors", 1, Severity.HIGH)).orElseThrow();
        for (int i = 1; i < IncidentDetections.MAX_FINGERPRINTS + 10; i++) {
            tracker.observe(trouble.threshold("orders", "m" + i, "errors", 1, Severity.HIGH));
        }

        assertThat(detections.of(incident.id())).hasSize(IncidentDetections.MAX_FINGERPRINTS);
        assertThat(detections.of("unknown")).isEmpty();
    }
}
