package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.TimelineEntry.Type;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resolution after the hold period, on the scheduler's ticks, and flap detection. */
class IncidentResolutionTest {

    private static final Duration HOLD = Duration.ofMinutes(5);

    private final ManualClock clock = ManualClock.create();
    private final Detections detections = new Detections(clock);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(store).clock(clock)
            .graph(IncidentTrackerTest.GRAPH)
            .config(IncidentTrackerConfig.ofDefaults().withHoldPeriod(HOLD).withFlapping(2, Duration.ofHours(1)))
            .build();
    private final List<IncidentEvent> events = new ArrayList<>();
    private final Cancellable ticking = tracker.start(clock.scheduler());

    {
        tracker.listen(events::add);
    }

    @AfterEach
    void stopTicking() {
        ticking.cancel();
    }

    @Test
    void resolvesOnlyOnceEveryFingerprintHasClearedForTheHoldPeriod() {
        Instant start = clock.instant();
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH));
        clock.advance(Duration.ofMinutes(1));
        tracker.observe(detections.cleared("triage", "errors"));
        clock.advance(Duration.ofMinutes(1));
        tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH));
        tracker.observe(detections.cleared("db:primary", "latency"));

        clock.advance(HOLD.minusSeconds(11)); // triage quiet for 6 min, db:primary only for 4m49s
        assertThat(tracker.active()).extracting(Incident::id).containsExactly(incident.id());

        clock.advance(Duration.ofSeconds(20));
        Incident resolved = store.find(incident.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt().orElseThrow())
                .isBetween(start.plus(Duration.ofMinutes(2)).plus(HOLD), start.plus(Duration.ofMinutes(2)).plus(HOLD)
                        .plus(tracker.config().tickInterval()));
        assertThat(tracker.active()).isEmpty();
        TimelineEntry last = store.timeline(incident.id()).getLast();
        assertThat(last.type()).isEqualTo(Type.STATUS_CHANGED);
        assertThat(last.evidence()).containsEntry("to", "RESOLVED").containsEntry("by", IncidentTracker.SELF);
    }

    @Test
    void aFingerprintThatKeepsFiringKeepsTheIncidentOpen() {
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(1));
            tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        }

        assertThat(tracker.active()).extracting(Incident::id).containsExactly(incident.id());
    }

    @Test
    void aFingerprintThatFallsSilentWithoutClearingResolvesAfterTheHoldPeriod() {
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(HOLD.minusSeconds(10));
        assertThat(tracker.active()).hasSize(1);

        clock.advance(Duration.ofSeconds(20));

        assertThat(store.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void afterResolutionTheSameFingerprintOpensANewIncident() {
        Incident first = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(HOLD.plusMinutes(1));

        Incident second = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(store.find(first.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void anIncidentThatOpensAndResolvesMoreThanKTimesInTheWindowIsMarkedFlappingAndStaysOpen() {
        List<String> ids = new ArrayList<>();
        for (int cycle = 0; cycle < 3; cycle++) {
            ids.add(tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow().id());
            clock.advance(HOLD.plusMinutes(1));
        }

        assertThat(store.find(ids.get(0)).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(store.find(ids.get(1)).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        Incident third = store.find(ids.get(2)).orElseThrow();
        assertThat(third.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(third.flapping()).isTrue();
        assertThat(tracker.active()).containsExactly(third);
        TimelineEntry flap = store.timeline(third.id()).getLast();
        assertThat(flap.type()).isEqualTo(Type.FLAPPING);
        assertThat(flap.evidence()).containsEntry("resolutions", "2").containsEntry("threshold", "2");
        assertThat(events).filteredOn(IncidentEvent.Flapping.class::isInstance).hasSize(1)
                .first().extracting(IncidentEvent::incident).isEqualTo(third);
    }

    @Test
    void aFlappingIncidentTakesNewDetectionsAndResolvesOnlyAfterAQuietFlapWindow() {
        for (int cycle = 0; cycle < 3; cycle++) {
            tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
            clock.advance(HOLD.plusMinutes(1));
        }
        Incident flapping = tracker.active().getFirst();
        Incident again = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        assertThat(again.id()).isEqualTo(flapping.id());

        clock.advance(Duration.ofMinutes(59));
        assertThat(tracker.active()).extracting(Incident::id).containsExactly(flapping.id());

        clock.advance(Duration.ofMinutes(2));
        Incident resolved = store.find(flapping.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.flapping()).isTrue();
    }

    @Test
    void cyclesSpreadWiderThanTheFlapWindowDoNotFlap() {
        for (int cycle = 0; cycle < 5; cycle++) {
            tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
            clock.advance(Duration.ofMinutes(35));
        }

        assertThat(tracker.active()).isEmpty();
        assertThat(events).noneMatch(IncidentEvent.Flapping.class::isInstance);
    }

    @Test
    void stoppingTheTickerStopsAutomaticResolution() {
        tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        ticking.cancel();

        clock.advance(HOLD.multipliedBy(3));

        assertThat(tracker.active()).hasSize(1);
        tracker.tick();
        assertThat(tracker.active()).isEmpty();
    }

    @Test
    void theTailOfABreachWhoseIncidentARecoveryResolvedOpensNothingUntilItClears() {
        Incident incident = tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        tracker.resolve(incident.id(), "workflow:ai-provider-failure", "verified: traffic failed over");

        // the failed-over provider's window still holds its slow calls: its rule goes on firing for a while
        clock.advance(Duration.ofSeconds(28));
        assertThat(tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH))).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH))).isEmpty();
        assertThat(tracker.active()).isEmpty();

        // once it has cleared, the same breach coming back is a new problem
        tracker.observe(detections.cleared("llm:openai", "latency"));
        clock.advance(Duration.ofSeconds(5));
        Incident again = tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH)).orElseThrow();
        assertThat(again.id()).isNotEqualTo(incident.id());
        assertThat(store.list(IncidentQuery.all())).hasSize(2);
    }

    @Test
    void aBreachStillFiringAHoldPeriodAfterItsIncidentWasResolvedOpensANewOne() {
        Incident incident = tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH)).orElseThrow();
        tracker.resolve(incident.id(), "token:alice", "looks fine to me");

        clock.advance(HOLD.minusSeconds(1));
        assertThat(tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH))).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Incident still = tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH)).orElseThrow();

        assertThat(still.id()).isNotEqualTo(incident.id());
        assertThat(tracker.active()).extracting(Incident::id).containsExactly(still.id());
    }

    @Test
    void aFingerprintThatHadClearedWhenItsIncidentWasResolvedOpensANewOneAtOnce() {
        Incident incident = tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH)).orElseThrow();
        tracker.observe(detections.cleared("llm:openai", "latency"));
        tracker.resolve(incident.id(), "workflow:ai-provider-failure", "verified");

        clock.advance(Duration.ofSeconds(10));
        Incident again = tracker.observe(detections.firing("llm:openai", "latency", Severity.HIGH)).orElseThrow();

        assertThat(again.id()).isNotEqualTo(incident.id());
    }
}
