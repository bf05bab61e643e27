package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.LogEscalation;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An incident tracker with a hold period under a minute (the demo's is 8 s): the loop's detectors
 * say a condition goes on within it, so the incident of a breach or an anomaly that goes on stays
 * open, and resolves once the condition has cleared for the hold period. Recovery never starts
 * (diagnosis waits an hour): the incident's life is the detectors' and the tracker's alone.
 */
class ShortHoldPeriodTest {

    private static final IncidentTrackerConfig TRACKING = IncidentTrackerConfig.ofDefaults()
            .withTickInterval(Duration.ofSeconds(1)).withHoldPeriod(Duration.ofSeconds(8));

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final List<IncidentEvent> events = new CopyOnWriteArrayList<>();

    private ControlLoopBuilder builder() {
        return ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore())
                .runs(new InMemoryWorkflowStore()).audit(new InMemoryAuditLog())
                .effectiveness(new InMemoryEffectivenessStore()).escalation(LogEscalation.to(line -> { }))
                .actions(StandardActions.catalog(KernelControl.builder().build(), List.of(), notice -> { }, List.of(),
                        List.of(), clock, List.of()))
                .metrics((service, metric) -> OptionalDouble.empty()).settle(Duration.ofHours(1))
                .tracking(TRACKING);
    }

    private ControlLoop loop() {
        ControlLoop loop = builder().build();
        loop.incidents().listen(events::add);
        return loop;
    }

    /** One sample of {@code payments/metric} now, delivered, then a second passes and the loop ticks. */
    private void second(ControlLoop loop, String metric, double value) {
        bus.publish(new MetricSample("payments", metric, value, clock.instant(), Map.of()));
        bus.drain();
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
    }

    private long resolutions() {
        return events.stream().filter(e -> e instanceof IncidentEvent.StatusChanged changed
                && changed.to() == IncidentStatus.RESOLVED).count();
    }

    @Test
    void anIncidentWhoseBreachGoesOnForMinutesStaysOpen() {
        ControlLoop loop = loop();

        for (int s = 0; s < 180; s++) {
            second(loop, "error.rate", 0.4); // the shipped error-rate rule: above 5 %
        }
        assertThat(resolutions()).as("resolutions while the breach went on").isZero();
        assertThat(loop.incidents().active()).singleElement().extracting(Incident::detectionCount)
                .as("the rule said so again every 4 s (half the hold period)").isEqualTo(45L);

        second(loop, "error.rate", 0.0);
        for (int s = 0; s < 9; s++) {
            second(loop, "error.rate", 0.0);
        }
        assertThat(loop.incidents().active()).as("cleared for the hold period").isEmpty();
        assertThat(resolutions()).isEqualTo(1);
    }

    @Test
    void anAnomalysIncidentStaysOpenUntilTheAnomalyClears() {
        ControlLoop loop = loop();
        Random random = new Random(7);
        for (int s = 0; s < 600; s++) {
            second(loop, "calls.rate", 100 + random.nextGaussian());
        }
        assertThat(loop.incidents().active()).as("learning a steady series").isEmpty();

        second(loop, "calls.rate", 400);
        assertThat(loop.incidents().active()).singleElement()
                .satisfies(i -> assertThat(i.fingerprint()).contains("anomaly:calls.rate"));
        // The scorer is quiet for 125 samples after an alarm; the anomaly clears after 135 calm ones.
        for (int s = 0; s < 130; s++) {
            second(loop, "calls.rate", 100 + random.nextGaussian());
        }
        assertThat(resolutions()).as("resolutions before the anomaly cleared").isZero();
        assertThat(loop.incidents().active()).hasSize(1);

        for (int s = 0; s < 5 + 9; s++) {
            second(loop, "calls.rate", 100 + random.nextGaussian());
        }
        assertThat(loop.incidents().active()).as("cleared, then quiet for the hold period").isEmpty();
        assertThat(resolutions()).isEqualTo(1);
    }

    @Test
    void refusesADetectorThatWouldLetAnIncidentResolveWhileItsConditionGoesOn() {
        ThresholdDetector minutely = ThresholdDetector.create(ThresholdRules.defaults(), clock);

        assertThatThrownBy(() -> builder().detector(minutely).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold detector repeats a firing detection every PT1M")
                .hasMessageContaining("hold period PT8S").hasMessageContaining("repeat of PT4S");
        assertThatThrownBy(() -> builder().detector(DetectorChain.builder().add(minutely).build()).build())
                .as("inside a chain").isInstanceOf(IllegalArgumentException.class);
    }
}
