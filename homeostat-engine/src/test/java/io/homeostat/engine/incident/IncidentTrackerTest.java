package io.homeostat.engine.incident;

import static io.homeostat.engine.incident.Detections.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.TimelineEntry.Type;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Dedup, correlation and the timeline; resolution and flapping are in {@link IncidentResolutionTest}. */
class IncidentTrackerTest {

    static final DependencyGraph GRAPH = DependencyGraph.of(Map.of(
            "triage", Set.of("llm:openai", "pharmaguard"),
            "pharmaguard", Set.of("db:primary")));

    private final ManualClock clock = ManualClock.create();
    private final Detections detections = new Detections(clock);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).graph(GRAPH).build();

    @Test
    void firstFiringDetectionOpensAnIncidentWithItsFingerprintTitleAndSeverity() {
        Detection detection = detections.firing("triage", "errors", Severity.HIGH);

        Incident incident = tracker.observe(detection).orElseThrow();

        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.fingerprint()).isEqualTo(detection.fingerprintKey());
        assertThat(incident.title()).isEqualTo("errors high on triage");
        assertThat(incident.services()).containsExactly("triage");
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.openedAt()).isEqualTo(clock.instant());
        assertThat(incident.detectionCount()).isEqualTo(1);
        assertThat(store.find(incident.id())).contains(incident);
        assertThat(tracker.active()).containsExactly(incident);
    }

    @Test
    void detectionsWithTheSameFingerprintJoinTheOpenIncidentInsteadOfOpeningAnother() {
        Incident first = tracker.observe(detections.firing("triage", "errors", Severity.MEDIUM)).orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        Incident second = tracker.observe(detections.firing("triage", "errors", Severity.MEDIUM)).orElseThrow();
        clock.advance(Duration.ofSeconds(30));
        Incident third = tracker.observe(detections.firing("triage", "errors", Severity.MEDIUM)).orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(third.id()).isEqualTo(first.id());
        assertThat(third.detectionCount()).isEqualTo(3);
        assertThat(third.updatedAt()).isEqualTo(first.openedAt().plusSeconds(60));
        assertThat(store.find(first.id()).orElseThrow().detectionCount())
                .as("a repeat's count is not one write per repeat").isEqualTo(1);
        tracker.tick();
        assertThat(store.list(IncidentQuery.all())).containsExactly(third);
    }

    @Test
    void severityIsTheHighestOfItsDetectionsAndNeverDrops() {
        tracker.observe(detections.firing("triage", "errors", Severity.LOW));
        tracker.observe(detections.firing("triage", "errors", Severity.CRITICAL));
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.MEDIUM)).orElseThrow();

        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void repeatsOfAFiringFingerprintAreCountedWithoutFloodingTheTimeline() {
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(5));
            tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        }

        assertThat(tracker.active().get(0).detectionCount()).isEqualTo(21);
        assertThat(store.timeline(incident.id())).extracting(TimelineEntry::type).containsExactly(Type.OPENED);
    }

    @Test
    void detectionOnAnUpstreamServiceWithinTheWindowJoinsTheIncident() {
        Incident opened = tracker.observe(detections.firing("triage", "errors", Severity.MEDIUM)).orElseThrow();
        clock.advance(Duration.ofMinutes(2));

        Incident joined = tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH)).orElseThrow();

        assertThat(joined.id()).isEqualTo(opened.id());
        assertThat(joined.services()).containsExactly("triage", "db:primary");
        assertThat(joined.fingerprints()).containsExactly(
                fingerprint("triage", "errors"), fingerprint("db:primary", "latency"));
        assertThat(joined.severity()).isEqualTo(Severity.HIGH);
        TimelineEntry correlated = store.timeline(opened.id()).get(1);
        assertThat(correlated.type()).isEqualTo(Type.CORRELATED);
        assertThat(correlated.evidence())
                .containsEntry("relatedService", "triage")
                .containsEntry("relation", "triage depends on db:primary");
        assertThat(tracker.activeByFingerprint(fingerprint("db:primary", "latency"))).contains(joined);
    }

    @Test
    void laterDetectionsOfACorrelatedFingerprintDedupIntoTheSameIncident() {
        Incident opened = tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH)).orElseThrow();
        tracker.observe(detections.firing("pharmaguard", "errors", Severity.HIGH));
        clock.advance(Duration.ofMinutes(20));

        Incident again = tracker.observe(detections.firing("pharmaguard", "errors", Severity.HIGH)).orElseThrow();

        assertThat(again.id()).isEqualTo(opened.id());
        assertThat(tracker.active()).hasSize(1);
    }

    @Test
    void anotherProblemOnTheSameServiceJoinsWithinTheWindow() {
        Incident opened = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        Incident joined = tracker.observe(detections.firing("triage", "latency", Severity.LOW)).orElseThrow();

        assertThat(joined.id()).isEqualTo(opened.id());
        assertThat(store.timeline(opened.id()).get(1).evidence()).containsEntry("relation", "same service");
    }

    @Test
    void servicesUnrelatedInTheGraphGetTheirOwnIncidents() {
        Incident llm = tracker.observe(detections.firing("llm:openai", "timeout", Severity.HIGH)).orElseThrow();
        Incident db = tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH)).orElseThrow();
        Incident unknown = tracker.observe(detections.firing("billing", "errors", Severity.HIGH)).orElseThrow();

        assertThat(Set.of(llm.id(), db.id(), unknown.id())).hasSize(3);
        assertThat(tracker.active()).hasSize(3);
    }

    @Test
    void aNewFailureOnADependencyDoesNotDisappearIntoAnEscalatedIncident() {
        Incident escalated = tracker.observe(detections.firing("pharmaguard", "errors", Severity.HIGH)).orElseThrow();
        tracker.escalate(escalated.id(), "recovery failed 3 times");
        clock.advance(Duration.ofSeconds(2));

        Incident dependency = tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH)).orElseThrow();

        assertThat(dependency.id()).isNotEqualTo(escalated.id());
        assertThat(dependency.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(tracker.active()).hasSize(2);
    }

    @Test
    void aNewFailureDoesNotJoinAFlappingIncident() {
        // Resolves twice, then is marked flapping instead of resolving a third time.
        IncidentTracker flappy = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).graph(GRAPH)
                .config(IncidentTrackerConfig.ofDefaults().withHoldPeriod(Duration.ofSeconds(10))
                        .withTickInterval(Duration.ofSeconds(1)).withFlapping(2, Duration.ofMinutes(10)))
                .build();
        for (int round = 0; round < 3; round++) {
            flappy.observe(detections.firing("pharmaguard", "errors", Severity.HIGH));
            flappy.observe(detections.cleared("pharmaguard", "errors"));
            clock.advance(Duration.ofSeconds(11));
            flappy.tick();
        }
        Incident held = flappy.observe(detections.firing("pharmaguard", "errors", Severity.HIGH)).orElseThrow();
        assertThat(held.flapping()).isTrue();

        Incident dependency = flappy.observe(detections.firing("db:primary", "latency", Severity.HIGH)).orElseThrow();
        Incident sameService = flappy.observe(detections.firing("pharmaguard", "latency", Severity.HIGH)).orElseThrow();

        assertThat(dependency.id()).isNotEqualTo(held.id());
        assertThat(dependency.flapping()).isFalse();
        assertThat(sameService.id()).as("the same service's new symptom is the same flapping problem").isEqualTo(held.id());
    }

    @Test
    void aClearedFingerprintOfAnEscalatedIncidentFiringAgainOpensANewIncident() {
        Incident escalated = tracker.observe(detections.firing("db:primary", "errors", Severity.HIGH)).orElseThrow();
        tracker.escalate(escalated.id(), "recovery failed 3 times");
        // Still failing: the same failure, the same incident.
        assertThat(tracker.observe(detections.firing("db:primary", "errors", Severity.HIGH)).orElseThrow().id())
                .isEqualTo(escalated.id());
        tracker.observe(detections.cleared("db:primary", "errors"));
        clock.advance(Duration.ofSeconds(30));

        Incident again = tracker.observe(detections.firing("db:primary", "errors", Severity.HIGH)).orElseThrow();

        assertThat(again.id()).isNotEqualTo(escalated.id());
        assertThat(again.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(tracker.activeByFingerprint(fingerprint("db:primary", "errors"))).contains(again);
        // The escalated one resolves once quiet for the hold period; the new one keeps its fingerprint.
        clock.advance(IncidentTrackerConfig.DEFAULT_HOLD_PERIOD.minusSeconds(20));
        tracker.tick();
        assertThat(tracker.active()).extracting(Incident::id).containsExactly(again.id());
        assertThat(tracker.activeByFingerprint(fingerprint("db:primary", "errors")).orElseThrow().id())
                .isEqualTo(again.id());
    }

    @Test
    void relatedDetectionAfterTheCorrelationWindowOpensANewIncident() {
        Incident opened = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(IncidentTrackerConfig.DEFAULT_CORRELATION_WINDOW.plusSeconds(1));

        Incident other = tracker.observe(detections.firing("db:primary", "latency", Severity.HIGH)).orElseThrow();

        assertThat(other.id()).isNotEqualTo(opened.id());
        assertThat(tracker.active()).hasSize(2);
    }

    @Test
    void aFiringRepeatKeepsTheCorrelationWindowOpen() {
        Incident opened = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofMinutes(4));
        tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        clock.advance(Duration.ofMinutes(4));

        Incident joined = tracker.observe(detections.firing("llm:openai", "timeout", Severity.HIGH)).orElseThrow();

        assertThat(joined.id()).isEqualTo(opened.id());
    }

    @Test
    void theIncidentThatFiredLastWinsWhenSeveralAreRelated() {
        tracker.observe(detections.firing("pharmaguard", "errors", Severity.HIGH));
        clock.advance(Duration.ofMinutes(1));
        Incident llm = tracker.observe(detections.firing("llm:openai", "timeout", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        Incident joined = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();

        assertThat(joined.id()).isEqualTo(llm.id());
    }

    @Test
    void correlationReadsAGraphThatGrows() {
        AtomicReference<DependencyGraph> graph = new AtomicReference<>(DependencyGraph.empty());
        IncidentTracker growing = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock)
                .graph(graph::get).build();
        Incident opened = growing.observe(detections.firing("checkout", "errors", Severity.HIGH)).orElseThrow();
        Incident apart = growing.observe(detections.firing("payments", "errors", Severity.HIGH)).orElseThrow();
        assertThat(apart.id()).isNotEqualTo(opened.id());

        graph.set(DependencyGraph.empty().with("checkout", "payments-db"));
        Incident joined = growing.observe(detections.firing("payments-db", "latency", Severity.HIGH)).orElseThrow();

        assertThat(joined.id()).isEqualTo(opened.id());
    }

    @Test
    void aClearForAFingerprintWithoutAnIncidentIsIgnored() {
        assertThat(tracker.observe(detections.cleared("triage", "errors"))).isEmpty();
        assertThat(tracker.active()).isEmpty();
        assertThat(store.list(IncidentQuery.all())).isEmpty();
    }

    @Test
    void timelineRecordsEverythingThatHappenedInOrder() {
        Detection first = detections.firing("triage", "errors", Severity.MEDIUM);
        Incident incident = tracker.observe(first).orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        Detection upstream = detections.firing("db:primary", "latency", Severity.MEDIUM);
        tracker.observe(upstream);
        tracker.observe(detections.firing("triage", "errors", Severity.MEDIUM)); // a repeat: counted only
        Detection worse = detections.firing("triage", "errors", Severity.CRITICAL);
        tracker.observe(worse);
        clock.advance(Duration.ofSeconds(10));
        Detection clear = detections.cleared("db:primary", "latency");
        tracker.observe(clear);
        tracker.observe(detections.cleared("db:primary", "latency")); // already cleared: counted only
        clock.advance(IncidentTrackerConfig.DEFAULT_TRANSITION_INTERVAL); // or it would be told with the next ones
        Detection again = detections.firing("db:primary", "latency", Severity.LOW);
        tracker.observe(again);
        tracker.diagnose(incident.id(), "pool exhausted on db:primary", Map.of("category", "db"));
        tracker.note(incident.id(), "paged the DBA", Map.of());
        tracker.resolve(incident.id(), "alice", "pool resized");

        List<TimelineEntry> timeline = store.timeline(incident.id());
        assertThat(timeline).extracting(TimelineEntry::type).containsExactly(
                Type.OPENED, Type.CORRELATED, Type.DETECTION, Type.CLEARED, Type.DETECTION,
                Type.STATUS_CHANGED, Type.NOTE, Type.STATUS_CHANGED);
        assertThat(timeline.subList(0, 5)).extracting(e -> e.detectionId().orElseThrow())
                .containsExactly(first.id(), upstream.id(), worse.id(), clear.id(), again.id());
        assertThat(timeline.get(0).evidence()).containsEntry("value", "0.12").containsEntry("detector", "threshold");
        assertThat(timeline.get(2).evidence()).containsEntry("reason", "higher severity");
        assertThat(timeline.get(4).evidence()).containsEntry("reason", "firing again");
        assertThat(timeline.get(5).evidence()).containsEntry("from", "OPEN").containsEntry("to", "DIAGNOSED")
                .containsEntry("category", "db");
        assertThat(timeline.get(7).evidence()).containsEntry("by", "alice").containsEntry("reason", "pool resized");
        assertThat(timeline).extracting(TimelineEntry::time).isSorted();
        assertThat(store.find(incident.id()).orElseThrow().detectionCount()).isEqualTo(7);
    }

    @Test
    void transitionsTooCloseTogetherAreWrittenAndToldAsOneWithTheirCountOnceTheIntervalHasPassed() {
        List<IncidentEvent> told = new ArrayList<>();
        tracker.listen(told::add);
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofMillis(100));
        tracker.observe(detections.cleared("triage", "errors"));
        clock.advance(Duration.ofMillis(100));
        tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        clock.advance(Duration.ofMillis(100));
        Detection last = detections.cleared("triage", "errors");
        tracker.observe(last);
        tracker.tick();

        assertThat(store.timeline(incident.id())).extracting(TimelineEntry::type).containsExactly(Type.OPENED);
        assertThat(told).hasSize(1);

        clock.advance(IncidentTrackerConfig.DEFAULT_TRANSITION_INTERVAL);
        tracker.tick();

        List<TimelineEntry> timeline = store.timeline(incident.id());
        assertThat(timeline).extracting(TimelineEntry::type).containsExactly(Type.OPENED, Type.CLEARED);
        assertThat(timeline.get(1).detectionId()).contains(last.id());
        assertThat(timeline.get(1).evidence()).containsEntry("transitions", "3");
        assertThat(told).hasSize(2);
        assertThat(((IncidentEvent.DetectionAdded) told.get(1)).detection()).isEqualTo(last);
        assertThat(store.find(incident.id()).orElseThrow().detectionCount()).isEqualTo(4);
    }

    @Test
    void aTransitionAfterTheIntervalCarriesTheOnesHeldBeforeIt() {
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofMillis(200));
        tracker.observe(detections.cleared("triage", "errors"));
        clock.advance(IncidentTrackerConfig.DEFAULT_TRANSITION_INTERVAL);
        Detection again = detections.firing("triage", "errors", Severity.HIGH);
        tracker.observe(again);

        List<TimelineEntry> timeline = store.timeline(incident.id());
        assertThat(timeline).extracting(TimelineEntry::type).containsExactly(Type.OPENED, Type.DETECTION);
        assertThat(timeline.get(1).detectionId()).contains(again.id());
        assertThat(timeline.get(1).evidence()).containsEntry("reason", "firing again").containsEntry("transitions", "2");
    }

    @Test
    void theTrackersOwnStateFollowsEveryDetectionAtOnceHeldBackOrNot() {
        Incident incident = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofMillis(100));
        tracker.observe(detections.cleared("triage", "errors")); // held back: within the interval
        clock.advance(Duration.ofMillis(100));
        tracker.observe(detections.firing("triage", "errors", Severity.HIGH)); // held back too

        clock.advance(IncidentTrackerConfig.DEFAULT_HOLD_PERIOD.minusMillis(50));
        tracker.tick();
        assertThat(tracker.active()).as("quiet since the last firing, held back or not").hasSize(1);
        clock.advance(Duration.ofMillis(50));
        tracker.tick();
        assertThat(tracker.active()).isEmpty();

        assertThat(store.timeline(incident.id())).extracting(TimelineEntry::type)
                .containsExactly(Type.OPENED, Type.DETECTION, Type.STATUS_CHANGED);
        assertThat(store.timeline(incident.id()).get(1).evidence()).containsEntry("transitions", "2");
    }

    @Test
    void resolvingByHandOrFlushingWritesWhatWasHeldAtOnce() {
        Incident first = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        Incident second = tracker.observe(detections.firing("billing", "latency", Severity.HIGH)).orElseThrow();
        clock.advance(Duration.ofMillis(100));
        tracker.observe(detections.cleared("triage", "errors"));
        tracker.observe(detections.cleared("billing", "latency"));

        tracker.resolve(first.id(), "alice", "fixed");
        tracker.flush();

        assertThat(store.timeline(first.id())).extracting(TimelineEntry::type)
                .containsExactly(Type.OPENED, Type.CLEARED, Type.STATUS_CHANGED);
        assertThat(store.timeline(second.id())).extracting(TimelineEntry::type)
                .containsExactly(Type.OPENED, Type.CLEARED);
    }

    @Test
    void aZeroIntervalWritesEveryTransition() {
        IncidentTracker every = IncidentTracker.builder(store).clock(clock)
                .config(IncidentTrackerConfig.ofDefaults().withTransitionInterval(Duration.ZERO)).build();
        Incident incident = every.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        every.observe(detections.cleared("triage", "errors"));
        every.observe(detections.firing("triage", "errors", Severity.HIGH));

        assertThat(store.timeline(incident.id())).extracting(TimelineEntry::type)
                .containsExactly(Type.OPENED, Type.CLEARED, Type.DETECTION);
    }
}
