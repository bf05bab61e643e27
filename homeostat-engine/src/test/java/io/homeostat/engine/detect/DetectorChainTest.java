package io.homeostat.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineTracker;
import io.homeostat.engine.detect.baseline.BaselineWindow;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.port.memory.InMemoryBaselineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DetectorChainTest {

    private final ManualClock clock = ManualClock.create();
    private final List<Detection> detections = new ArrayList<>();
    private final InMemoryBaselineStore store = new InMemoryBaselineStore();

    private MetricSample sample(String service, String metric, double value) {
        return new MetricSample(service, metric, value, clock.instant(), Map.of());
    }

    @Test
    void theStandardChainRunsBaselinesAndEveryDetector() {
        DetectorChain chain = DetectorChainBuilder.standard(clock, store::save).build();

        assertThat(chain.seriesDetectors()).extracting(Detector::name).containsExactly("threshold", "anomaly", "trend");
        for (int s = 0; s < 20 * 60; s++) {
            chain.observe(sample("db", "error.rate", s < 1190 ? 0.01 : 0.30), detections::add);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(detections).filteredOn(d -> d.kind() == Detection.Kind.THRESHOLD).singleElement()
                .satisfies(d -> assertThat(d.signature()).isEqualTo("error-rate"));
        // Fifteen-minute buckets: the hour window moved on once in these 20 minutes.
        Baseline hour = store.find(new SeriesKey("db", "error.rate"), BaselineWindow.HOUR).orElseThrow();
        assertThat(hour.mean()).isEqualTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(chain.failures()).isZero();
    }

    @Test
    void healthDetailsReachTheThresholdRules() {
        DetectorChain chain = DetectorChain.builder()
                .add(ThresholdDetector.create(ThresholdRules.defaults(), clock)).build();

        for (int s = 0; s <= 120; s += 10) {
            chain.observe(new HealthReport("orders", "heap", HealthStatus.DEGRADED, Duration.ZERO,
                    Map.of("heap.used.ratio", "0.9100"), clock.instant(), Map.of()), detections::add);
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.signature()).isEqualTo("memory");
            assertThat(d.summary()).isEqualTo("heap.used.ratio of orders is 0.91 > 0.85 for 2 min (rule memory)");
        });
    }

    @Test
    void aFailingDetectorIsCountedAndTheOthersStillRun() {
        SeriesDetector broken = new SeriesDetector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void sample(String service, String metric, long timeMillis, double value,
                    Consumer<Detection> sink) {
                throw new IllegalStateException("bug");
            }
        };
        Detector events = new Detector() {
            @Override
            public String name() {
                return "events";
            }

            @Override
            public void observe(io.homeostat.core.signal.Signal signal, Consumer<Detection> sink) {
                sink.accept(new Detection("id", "events", Detection.Kind.EVENT, Detection.Status.FIRING,
                        new SeriesKey(signal.service(), "event"), "availability", "seen", Severity.INFO, 1, "seen",
                        Map.of(), clock.instant()));
            }
        };
        DetectorChain chain = DetectorChain.builder().add(broken)
                .add(ThresholdDetector.create(ThresholdRules.defaults(), clock)).addEventDetector(events).build();

        chain.observe(sample("db", "error.rate", 0.5), detections::add);

        assertThat(chain.failures()).isEqualTo(1);
        assertThat(detections).extracting(Detection::detector).containsExactly("threshold", "events");
    }

    @Test
    void attachedToABusItRunsOnDelivery() throws Exception {
        DetectorChain chain = DetectorChain.builder()
                .add(ThresholdDetector.create(ThresholdRules.defaults(), clock)).build();
        try (InProcessSignalBus bus = InProcessSignalBus.manual()) {
            AutoCloseable subscription = chain.attach(bus, detections::add);
            bus.publish(sample("db", "error.rate", 0.5));
            bus.drain();
            assertThat(detections).hasSize(1);

            subscription.close();
            bus.publish(sample("db2", "error.rate", 0.5));
            bus.drain();
            assertThat(detections).hasSize(1);
        }
        assertThat(Instant.ofEpochMilli(clock.wallMillis())).isEqualTo(clock.instant());
    }

    @Test
    void theStagesKeepTheirStateInTheChainsOneTable() {
        ThresholdDetector threshold = ThresholdDetector.create(ThresholdRules.defaults(), clock);
        BaselineTracker baselines = BaselineTracker.create();
        DetectorChain chain = DetectorChain.builder().baselines(baselines).add(threshold).build();

        for (int s = 0; s < 3; s++) {
            chain.sample("db", "error.rate", clock.wallMillis(), 0.01, detections::add);
            chain.sample("api", "error.rate", clock.wallMillis(), 0.01, detections::add);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(chain.series()).isEqualTo(2);
        assertThat(threshold.series()).isEqualTo(2);
        assertThat(baselines.series()).isEqualTo(2);
        assertThat(baselines.baseline(new SeriesKey("db", "error.rate"), BaselineWindow.HOUR, clock.instant()))
                .hasValueSatisfying(b -> assertThat(b.count()).isEqualTo(3));
        // A detector belongs to one chain.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DetectorChain.builder().add(threshold).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
