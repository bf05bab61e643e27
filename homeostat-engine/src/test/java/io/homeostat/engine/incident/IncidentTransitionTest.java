package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The later stages' transitions, listeners, store failures and recovery. */
class IncidentTransitionTest {

    private final ManualClock clock = ManualClock.create();
    private final Detections detections = new Detections(clock);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).build();

    private Incident open() {
        return tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
    }

    @Test
    void walksTheWholeLifecycleWithReasons() {
        Incident incident = open();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.diagnose(incident.id(), "db pool", Map.of()).status()).isEqualTo(IncidentStatus.DIAGNOSED);
        assertThat(tracker.remediate(incident.id(), "workflow restart-pool").status())
                .isEqualTo(IncidentStatus.REMEDIATING);
        clock.advance(Duration.ofSeconds(1));
        Incident resolved = tracker.resolve(incident.id(), "workflow:restart-pool", "error rate back to 0.1 %");

        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(clock.instant());
        assertThat(store.find(incident.id())).contains(resolved);
        assertThat(tracker.active()).isEmpty();
        assertThat(tracker.activeByFingerprint(incident.fingerprint())).isEmpty();
    }

    @Test
    void rejectsAMoveTheLifecycleDoesNotAllowAndChangesNothing() {
        Incident incident = open();
        int entries = store.timeline(incident.id()).size();

        assertThatThrownBy(() -> tracker.remediate(incident.id(), "too early"))
                .isInstanceOfSatisfying(IllegalIncidentTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(IncidentStatus.OPEN);
                    assertThat(e.to()).isEqualTo(IncidentStatus.REMEDIATING);
                    assertThat(e.incidentId()).isEqualTo(incident.id());
                });
        tracker.escalate(incident.id(), "needs a person");
        assertThatThrownBy(() -> tracker.diagnose(incident.id(), "late", Map.of()))
                .isInstanceOf(IllegalIncidentTransitionException.class).hasMessageContaining("ESCALATED");

        assertThat(store.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(store.timeline(incident.id())).hasSize(entries + 1);
    }

    @Test
    void aResolvedIncidentCannotMoveAgain() {
        Incident incident = open();
        tracker.resolve(incident.id(), "bob", "fixed by hand");

        assertThatThrownBy(() -> tracker.escalate(incident.id(), "again"))
                .isInstanceOfSatisfying(IllegalIncidentTransitionException.class,
                        e -> assertThat(e.from()).isEqualTo(IncidentStatus.RESOLVED));
        assertThatThrownBy(() -> tracker.resolve(incident.id(), "bob", "twice"))
                .isInstanceOf(IllegalIncidentTransitionException.class);
    }

    @Test
    void anUnknownIncidentIsNotFound() {
        assertThatThrownBy(() -> tracker.diagnose("nope", "x", Map.of()))
                .isInstanceOfSatisfying(IncidentNotFoundException.class,
                        e -> assertThat(e.incidentId()).isEqualTo("nope"));
        assertThatThrownBy(() -> tracker.note("nope", "x", Map.of())).isInstanceOf(IncidentNotFoundException.class);
    }

    @Test
    void anEscalatedIncidentStillTakesItsDetectionsAndResolvesWhenSignalsHeal() {
        Incident incident = open();
        tracker.escalate(incident.id(), "no workflow fits");

        Incident again = tracker.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        assertThat(again.id()).isEqualTo(incident.id());
        assertThat(again.status()).isEqualTo(IncidentStatus.ESCALATED);

        clock.advance(IncidentTrackerConfig.DEFAULT_HOLD_PERIOD);
        tracker.tick();
        assertThat(store.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void listenersHearEveryChangeInOrderWithTheIncidentAfterIt() {
        List<IncidentEvent> events = new ArrayList<>();
        tracker.listen(events::add);
        Incident incident = open();
        tracker.observe(detections.firing("triage", "latency", Severity.CRITICAL));
        tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        tracker.diagnose(incident.id(), "perf", Map.of());

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Opened", "Correlated", "DetectionAdded", "StatusChanged");
        assertThat(events.get(1)).isInstanceOfSatisfying(IncidentEvent.Correlated.class,
                e -> assertThat(e.relatedService()).isEqualTo("triage"));
        assertThat(events.get(2).incident().detectionCount()).isEqualTo(3);
        assertThat(events.get(2).incident().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(events.get(3)).isInstanceOfSatisfying(IncidentEvent.StatusChanged.class, e -> {
            assertThat(e.from()).isEqualTo(IncidentStatus.OPEN);
            assertThat(e.to()).isEqualTo(IncidentStatus.DIAGNOSED);
            assertThat(e.time()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aListenerThatThrowsIsCountedAndTheOthersStillHear() throws Exception {
        List<IncidentEvent> heard = new ArrayList<>();
        tracker.listen(e -> {
            throw new IllegalStateException("boom");
        });
        AutoCloseable subscription = tracker.listen(heard::add);

        open();
        assertThat(heard).hasSize(1);
        assertThat(tracker.listenerFailures()).isEqualTo(1);

        subscription.close();
        tracker.observe(detections.firing("triage", "errors", Severity.HIGH));
        assertThat(heard).hasSize(1);
        assertThat(tracker.listenerFailures()).isEqualTo(2);
    }

    @Test
    void aStoreFailurePropagatesAndLeavesTheTrackerAsItWas() {
        IncidentStore failing = new FailingStore(store);
        IncidentTracker fragile = IncidentTracker.builder(failing).clock(clock).build();
        List<IncidentEvent> events = new ArrayList<>();
        fragile.listen(events::add);

        assertThatThrownBy(() -> fragile.observe(detections.firing("triage", "errors", Severity.HIGH)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store down");

        assertThat(fragile.active()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aNewTrackerTakesOverTheActiveIncidentsOfItsStore() {
        Incident incident = open();
        Incident resolved = tracker.observe(detections.firing("billing", "errors", Severity.LOW)).orElseThrow();
        tracker.resolve(resolved.id(), "carol", "known issue");

        IncidentTracker restarted = IncidentTracker.builder(store).clock(clock).build();

        assertThat(restarted.active()).containsExactly(incident);
        Incident joined = restarted.observe(detections.firing("triage", "errors", Severity.HIGH)).orElseThrow();
        assertThat(joined.id()).isEqualTo(incident.id());
        clock.advance(IncidentTrackerConfig.DEFAULT_HOLD_PERIOD);
        restarted.tick();
        assertThat(store.list(IncidentQuery.all().withStatus(IncidentStatus.OPEN))).isEmpty();
    }

    /** A store whose saves fail, as a database that went away would. */
    private record FailingStore(IncidentStore delegate) implements IncidentStore {
        @Override
        public void save(Incident incident) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void update(Incident incident) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void append(String incidentId, TimelineEntry entry) {
            throw new IllegalStateException("store down");
        }

        @Override
        public List<TimelineEntry> timeline(String incidentId) {
            return delegate.timeline(incidentId);
        }

        @Override
        public java.util.Optional<Incident> find(String incidentId) {
            return delegate.find(incidentId);
        }

        @Override
        public java.util.Optional<Incident> findActiveByFingerprint(String fingerprint) {
            return delegate.findActiveByFingerprint(fingerprint);
        }

        @Override
        public List<Incident> list(IncidentQuery query) {
            return delegate.list(query);
        }
    }
}
