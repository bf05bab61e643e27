package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.execute.RecoveryPolicy;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.server.metrics.SelfMonitor;
import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Homeostat watches itself like any service, except that its figures which follow the traffic
 * by design are no anomaly: when traffic starts, its ingest rate and bus queue jump, and no
 * incident about service {@code homeostat} opens for that; the same jump on another service is an
 * anomaly, and a threshold rule on Homeostat's own queue still fires.
 */
class SelfMonitoringDetectionTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path data;

    @Test
    void trafficStartingIsNoAnomalyOfHomeostatWhileItsOwnThresholdRulesStillFire() {
        ManualClock clock = ManualClock.at(START);
        List<ThresholdRule> backlog = ThresholdRules.parse("self-rules.yaml", """
                rules:
                  - name: bus-backlog
                    service: homeostat
                    metric: homeostat.bus.pending
                    op: ">"
                    threshold: 1000
                    severity: medium
                    category: resource
                """);
        LoopTuning tuning = new LoopTuning(List.of(ThresholdDetector.create(backlog, clock)),
                List.of(), List.of(), IncidentTrackerConfig.ofDefaults(), RecoveryPolicy.ofDefaults(),
                DependencyGraph.empty());
        StoreConfig store = StoreConfig.defaults().withJdbc("jdbc:h2:file:" + data.resolve("homeostat"), "sa", "")
                .withSpool(data.resolve("spool"), StoreConfig.defaults().spoolMaxBytes());
        try (ControlLoop loop = ControlLoop.start(store, clock.scheduler(), LoopOptions.defaults().withTuning(tuning))) {
            // Ten idle minutes (the anomaly detector learns 500 samples), then traffic: hundreds of signals a second.
            for (int s = 0; s < 700; s++) {
                Instant at = START.plusSeconds(s);
                double accepted = s < 600 ? s % 3 : 400 + s % 7;
                double pending = s < 600 ? 0 : 40 + s % 5;
                publish(loop, new MetricSample(SelfMonitor.SERVICE, SelfMonitor.INGEST_ACCEPTED, accepted, at, Map.of()));
                publish(loop, new MetricSample(SelfMonitor.SERVICE, SelfMonitor.BUS_PENDING, pending, at, Map.of()));
                publish(loop, new MetricSample("gateway", "requests.accepted", accepted, at, Map.of()));
            }
            // Then the queue backs up past the operator's rule.
            publish(loop, new MetricSample(SelfMonitor.SERVICE, SelfMonitor.BUS_PENDING, 5000, START.plusSeconds(700),
                    Map.of()));
            long published = loop.bus().published();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> loop.bus().delivered() >= published);

            List<Incident> active = loop.tracker().active();
            assertThat(active).as("the same jump on another service is an anomaly")
                    .anySatisfy(i -> assertThat(i.fingerprint()).startsWith("gateway|").contains("anomaly:"));
            assertThat(active).filteredOn(i -> i.services().contains(SelfMonitor.SERVICE))
                    .as("Homeostat's incidents about itself: its backlog rule, no anomaly")
                    .singleElement().satisfies(i -> {
                        assertThat(i.fingerprint()).contains("bus-backlog");
                        assertThat(i.fingerprints()).noneMatch(f -> f.contains("anomaly"));
                    });
        }
    }

    private static void publish(ControlLoop loop, MetricSample sample) {
        assertThat(loop.bus().publish(sample)).as("the bus took %s", sample).isTrue();
    }
}
