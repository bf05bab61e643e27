package io.homeostat.engine.detect.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdDetectorTest {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final ManualClock clock = ManualClock.create();
    private final List<Detection> detections = new ArrayList<>();
    private final ThresholdRule slow = new ThresholdRule("slow", "api:*", "latency.p95", Operator.ABOVE, 100,
            Duration.ofSeconds(30), 80, Severity.HIGH, "latency");

    private void feed(ThresholdDetector detector, String service, long second, double value) {
        detector.sample(service, "latency.p95", T0 + second * 1000, value, detections::add);
    }

    @Test
    void firesOnceAfterTheBreachHeldForItsDuration() {
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), clock);

        for (int s = 0; s < 60; s++) {
            feed(detector, "api:orders", s, 150);
        }

        assertThat(detections).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Detection.Status.FIRING);
            assertThat(d.kind()).isEqualTo(Detection.Kind.THRESHOLD);
            assertThat(d.series()).isEqualTo(new SeriesKey("api:orders", "latency.p95"));
            assertThat(d.severity()).isEqualTo(Severity.HIGH);
            assertThat(d.category()).isEqualTo("latency");
            assertThat(d.signature()).isEqualTo("slow");
            assertThat(d.evidence()).containsEntry("value", "150").containsEntry("threshold", "100")
                    .containsEntry("heldFor", "30000").containsEntry("for", "30000");
            assertThat(d.summary()).isEqualTo("latency.p95 of api:orders is 150 > 100 for 30s (rule slow)");
            assertThat(d.time()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aBreachThatGoesOnIsToldAgainOnceAMinuteUntilItClears() {
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), clock);

        for (int s = 0; s <= 300; s++) {
            feed(detector, "api:orders", s, s < 200 ? 150 : 90); // from 200 s: under the threshold, not yet clear
        }
        feed(detector, "api:orders", 301, 70);

        assertThat(detections).extracting(Detection::status).containsExactly(Detection.Status.FIRING,
                Detection.Status.FIRING, Detection.Status.FIRING, Detection.Status.FIRING, Detection.Status.FIRING,
                Detection.Status.CLEARED);
        assertThat(detections).extracting(d -> d.evidence().get("heldFor"))
                .containsExactly("30000", "90000", "150000", "210000", "270000", "301000");
        assertThat(detections.get(3).summary())
                .isEqualTo("latency.p95 of api:orders is 90, not yet back to 80, 4 min after it passed 100 (rule slow)");
    }

    @Test
    void aBreachThatGoesOnIsToldAgainOncePerTheRepeatItWasGiven() {
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), clock, SeriesLimits.defaults(),
                Duration.ofSeconds(4));

        for (int s = 0; s <= 40; s++) {
            feed(detector, "api:orders", s, 150);
        }

        assertThat(detector.repeat()).isEqualTo(Duration.ofSeconds(4));
        assertThat(detections).extracting(d -> d.evidence().get("heldFor"))
                .containsExactly("30000", "34000", "38000");
        assertThatThrownBy(() -> ThresholdDetector.create(List.of(slow), clock, SeriesLimits.defaults(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    }

    @Test
    void anIncidentOfAShortHoldPeriodStaysOpenWhileItsBreachGoesOn() {
        ManualClock trackerClock = ManualClock.at(Instant.ofEpochMilli(T0));
        IncidentTrackerConfig tracking = IncidentTrackerConfig.ofDefaults().withTickInterval(Duration.ofSeconds(1))
                .withHoldPeriod(Duration.ofSeconds(8));
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), trackerClock, SeriesLimits.defaults(),
                tracking.firingRepeat());
        IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(trackerClock)
                .config(tracking).build();
        List<IncidentEvent> events = new ArrayList<>();
        tracker.listen(events::add);

        for (int s = 0; s <= 300; s++) { // 5 minutes of a breach, many hold periods
            trackerClock.advance(Duration.ofSeconds(s == 0 ? 0 : 1));
            detector.sample("api:orders", "latency.p95", T0 + s * 1000L, 150, tracker::observe);
            tracker.tick();
        }
        assertThat(tracker.active()).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof IncidentEvent.StatusChanged).as("resolved, reopened").isEmpty();
    }

    @Test
    void anIncidentStaysOpenWhileItsBreachGoesOnAndResolvesAfterItClears() {
        ManualClock trackerClock = ManualClock.at(Instant.ofEpochMilli(T0));
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), trackerClock);
        IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(trackerClock).build();
        Duration hold = IncidentTrackerConfig.ofDefaults().holdPeriod();

        for (int s = 0; s <= 900; s++) { // 15 minutes of a breach, three hold periods
            trackerClock.advance(Duration.ofSeconds(s == 0 ? 0 : 1));
            detector.sample("api:orders", "latency.p95", T0 + s * 1000L, 150, tracker::observe);
            tracker.tick();
        }
        assertThat(tracker.active()).as("still breaching after %s", Duration.ofSeconds(900)).hasSize(1);

        detector.sample("api:orders", "latency.p95", T0 + 901_000L, 70, tracker::observe);
        trackerClock.advance(hold.plusSeconds(1));
        tracker.tick();
        assertThat(tracker.active()).as("cleared for the hold period").isEmpty();
    }

    @Test
    void aDipWhilePendingStartsTheWaitOver() {
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), clock);

        for (int s = 0; s < 29; s++) {
            feed(detector, "api:orders", s, 150);
        }
        feed(detector, "api:orders", 29, 99);
        for (int s = 30; s < 59; s++) {
            feed(detector, "api:orders", s, 150);
        }
        assertThat(detections).isEmpty();

        feed(detector, "api:orders", 60, 150);
        assertThat(detections).singleElement().satisfies(d -> assertThat(d.evidence()).containsEntry("heldFor", "30000"));
    }

    @Test
    void clearsOnlyOnceBackPastTheClearLevel() {
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow), clock);
        for (int s = 0; s <= 30; s++) {
            feed(detector, "api:orders", s, s == 20 ? 400 : 150);
        }
        assertThat(detections).hasSize(1);

        // Between the clear level (80) and the threshold (100): still firing.
        for (int s = 31; s < 40; s++) {
            feed(detector, "api:orders", s, 90);
        }
        assertThat(detections).hasSize(1);

        feed(detector, "api:orders", 40, 80);
        assertThat(detections).hasSize(2);
        Detection cleared = detections.get(1);
        assertThat(cleared.status()).isEqualTo(Detection.Status.CLEARED);
        assertThat(cleared.fingerprintKey()).isEqualTo(detections.get(0).fingerprintKey());
        assertThat(cleared.evidence()).containsEntry("worst", "400").containsEntry("heldFor", "40000");

        // And it can fire again.
        for (int s = 41; s <= 71; s++) {
            feed(detector, "api:orders", s, 120);
        }
        assertThat(detections).hasSize(3);
        assertThat(detections.get(2).status()).isEqualTo(Detection.Status.FIRING);
    }

    @Test
    void watchesOnlyMatchingSeriesAndReadsSignals() {
        ThresholdRule low = new ThresholdRule("idle", "*", "calls.rate", Operator.BELOW, 1, Duration.ZERO, 2,
                Severity.LOW, "traffic");
        ThresholdDetector detector = ThresholdDetector.create(List.of(slow, low), clock);

        detector.observe(new MetricSample("db:primary", "latency.p95", 5000, Instant.ofEpochMilli(T0), Map.of()),
                detections::add);
        detector.observe(new MetricSample("api:x", "calls.rate", 0.5, Instant.ofEpochMilli(T0), Map.of()),
                detections::add);
        detector.observe(new MetricSample("api:x", "calls.rate", 1.5, Instant.ofEpochMilli(T0 + 1000), Map.of()),
                detections::add);
        detector.observe(new MetricSample("api:x", "calls.rate", 2.5, Instant.ofEpochMilli(T0 + 2000), Map.of()),
                detections::add);

        assertThat(detections).extracting(Detection::signature, Detection::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("idle", Detection.Status.FIRING),
                org.assertj.core.groups.Tuple.tuple("idle", Detection.Status.CLEARED));
        assertThat(detector.series()).isEqualTo(2);
    }

    @Test
    void keepsAtMostTheLimitAndNeverForgetsAFiringSeries() {
        SeriesLimits limits = new SeriesLimits(2, Duration.ofMinutes(10));
        ThresholdRule instant = new ThresholdRule("any", "*", "latency.p95", Operator.ABOVE, 100, Duration.ZERO, 100,
                Severity.LOW, "latency");
        ThresholdDetector detector = ThresholdDetector.create(List.of(instant), clock, limits);

        feed(detector, "a", 0, 500);
        feed(detector, "b", 0, 1);
        feed(detector, "c", 1, 500);
        assertThat(detector.untracked()).isEqualTo(1);
        assertThat(detections).hasSize(1);

        // Eleven minutes on: b is idle and may go, a is idle but firing and stays.
        feed(detector, "c", 660, 500);
        assertThat(detector.series()).isEqualTo(2);
        assertThat(detections).extracting(Detection::service).containsExactly("a", "c");
        feed(detector, "a", 661, 1);
        assertThat(detections).extracting(d -> d.service() + ":" + d.status())
                .containsExactly("a:FIRING", "c:FIRING", "a:CLEARED");
    }
}
