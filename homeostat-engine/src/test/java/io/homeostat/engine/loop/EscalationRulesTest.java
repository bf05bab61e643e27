package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Impact;
import io.homeostat.engine.diagnose.RootCandidate;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.UpstreamCause;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EscalationRulesTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentTracker tracker = IncidentTracker.builder(store).clock(clock).build();
    private final List<EscalationRequest> requests = new CopyOnWriteArrayList<>();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final Map<String, Diagnosis> diagnoses = new ConcurrentHashMap<>();
    private final Escalation port = new Escalation() {
        @Override
        public EscalationDecision escalate(EscalationRequest request) {
            requests.add(request);
            return new EscalationDecision(true, 0, "carol", "paged");
        }

        @Override
        public void resolved(String incidentId, String who) {
        }

        @Override
        public Optional<UpstreamCause> upstreamCause(String service) {
            return Optional.empty();
        }
    };
    private final EscalationRules rules = new EscalationRules(tracker, port,
            id -> Optional.ofNullable(diagnoses.get(id)), () -> 5, audit::add, clock, Duration.ofMinutes(30), 0.5);

    private Incident open(String service, Severity severity) {
        return tracker.observe(new Detection("d-" + service, "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey(service, "error.rate"), "errors", "error-rate", severity, 0.9,
                "errors on " + service, Map.of(), clock.instant())).orElseThrow();
    }

    private IncidentStatus status(Incident incident) {
        return store.find(incident.id()).orElseThrow().status();
    }

    @Test
    void aCriticalIncidentNotifiesAtOnceAndOnlyOnceWithoutStoppingRecovery() {
        Incident incident = open("payments", Severity.CRITICAL);

        rules.tick();
        rules.tick();

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(EscalationTrigger.CRITICAL);
            assertThat(r.incidentId()).isEqualTo(incident.id());
        });
        assertThat(status(incident)).isEqualTo(IncidentStatus.OPEN);
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo("escalation.critical");
            assertThat(a.evidence()).containsEntry(AuditTrail.NOTIFIED, "carol");
        });
    }

    @Test
    void aHighIncidentIsLeftAloneUntilItOutlivesTheTimeoutThenEscalatesAndIsMarked() {
        Incident incident = open("orders", Severity.HIGH);
        clock.advance(Duration.ofMinutes(29));
        rules.tick();
        assertThat(requests).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        rules.tick();

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.trigger()).isEqualTo(EscalationTrigger.UNRESOLVED));
        assertThat(status(incident)).isEqualTo(IncidentStatus.ESCALATED);
    }

    @Test
    void anUnresolvedIncidentIsMarkedEscalatedEvenWhenNobodyCouldBePaged() {
        Escalation nobody = new Escalation() {
            @Override
            public EscalationDecision escalate(EscalationRequest request) {
                requests.add(request);
                return EscalationDecision.declined("no on-call rotation is configured");
            }

            @Override
            public void resolved(String incidentId, String who) {
            }

            @Override
            public Optional<UpstreamCause> upstreamCause(String service) {
                return Optional.empty();
            }
        };
        EscalationRules declining = new EscalationRules(tracker, nobody, id -> Optional.empty(), () -> 5, audit::add,
                clock, Duration.ofMinutes(30), 0.5);
        Incident incident = open("orders", Severity.HIGH);
        clock.advance(Duration.ofMinutes(30));

        declining.tick();

        assertThat(status(incident)).as("it needs a person whether or not one was paged")
                .isEqualTo(IncidentStatus.ESCALATED);
        assertThat(store.timeline(incident.id())).extracting(TimelineEntry::message).anySatisfy(m -> assertThat(m)
                .contains("unresolved after PT30M").contains("no on-call rotation is configured"));
        assertThat(audit).singleElement().satisfies(a -> assertThat(a.evidence()).containsEntry("escalated", "false"));
    }

    @Test
    void aRuleThatEscalatesAnIncidentAlreadyEscalatedStillSaysSoInItsTimeline() {
        Incident big = open("db", Severity.HIGH);
        tracker.escalate(big.id(), "no workflow for ERROR_THRESHOLD on db");
        diagnoses.put(big.id(), diagnosis(big.id(), "db", Set.of("db", "orders", "web")));

        rules.tick();

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.trigger()).isEqualTo(EscalationTrigger.HIGH_IMPACT));
        assertThat(store.timeline(big.id())).filteredOn(e -> e.type() == TimelineEntry.Type.NOTE)
                .singleElement().satisfies(e -> {
                    assertThat(e.message()).startsWith("escalation high_impact: ");
                    assertThat(e.evidence()).containsEntry("trigger", "HIGH_IMPACT");
                });
    }

    @Test
    void anIncidentTouchingMoreThanHalfOfTheServicesOpensAnIncidentResponse() {
        Incident small = open("orders", Severity.HIGH);
        Incident big = open("db", Severity.HIGH);
        diagnoses.put(small.id(), diagnosis(small.id(), "orders", Set.of("orders", "web")));
        diagnoses.put(big.id(), diagnosis(big.id(), "db", Set.of("db", "orders", "web")));

        rules.tick();

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(EscalationTrigger.HIGH_IMPACT);
            assertThat(r.incidentId()).isEqualTo(big.id());
            assertThat(r.service()).isEqualTo("db");
            assertThat(r.impact()).isEqualTo(0.6);
        });
        assertThat(status(big)).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(status(small)).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    void aFlappingIncidentEscalatesAtOnceAndOnlyOnceUnderItsOwnTrigger() {
        IncidentTracker flappy = IncidentTracker.builder(store).clock(clock).config(new IncidentTrackerConfig(
                Duration.ofMinutes(5), Duration.ofMinutes(1), 1, Duration.ofHours(1), Duration.ofSeconds(10))).build();
        EscalationRules flapRules = new EscalationRules(flappy, port, id -> Optional.empty(), () -> 5, audit::add, clock,
                Duration.ofHours(1), 0.5);
        Detection firing = new Detection("d-db", "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey("db", "error.rate"), "errors", "error-rate", Severity.HIGH, 0.9, "errors on db", Map.of(),
                clock.instant());
        flappy.observe(firing);
        clock.advance(Duration.ofMinutes(1));
        flappy.tick(); // resolves: the first time
        flapRules.tick();
        assertThat(requests).isEmpty();

        Incident again = flappy.observe(firing).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        flappy.tick(); // would resolve a second time within the hour: marked flapping instead
        assertThat(flappy.active()).singleElement().satisfies(i -> assertThat(i.flapping()).isTrue());
        flapRules.tick();
        clock.advance(Duration.ofMinutes(5));
        flapRules.tick();

        assertThat(requests).as("promptly, long before the unresolved rule").singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(EscalationTrigger.FLAPPING);
            assertThat(r.incidentId()).isEqualTo(again.id());
            assertThat(r.summary()).contains("flapping");
        });
        assertThat(status(again)).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(audit).singleElement().satisfies(a -> assertThat(a.decision()).isEqualTo("escalation.flapping"));
    }

    private Diagnosis diagnosis(String incidentId, String root, Set<String> affected) {
        return new Diagnosis(incidentId, DiagnosisCategory.DATABASE, 0.9, Severity.HIGH, List.of(), root,
                List.of(new RootCandidate(root, clock.instant(), affected.size() - 1, 1.0, "first")),
                new Impact(affected, 0, Impact.Basis.NONE), List.of(), "test", clock.instant());
    }
}
