package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentStore} must do. Subclasses supply {@link #newStore()}, called before
 * each test, which must return an empty store. Times here have millisecond precision; nothing
 * relies on object identity or on an order the port does not state.
 */
public abstract class IncidentStoreContract {

    /** Base time of the tests, millisecond precision. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private IncidentStore store;

    /** A new, empty store. */
    protected abstract IncidentStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** An open incident on {@code service}, opened {@code minutes} after T0, with a fresh id. */
    protected static Incident incident(String service, int minutes) {
        Instant opened = T0.plusSeconds(60L * minutes);
        return Incident.builder().id(UUID.randomUUID().toString()).fingerprint(service + "|errors|rate")
                .title("errors on " + service).addService(service).severity(Severity.HIGH)
                .openedAt(opened).updatedAt(opened).detectionCount(1).build();
    }

    private static Incident resolved(Incident incident, Instant at) {
        return incident.toBuilder().status(IncidentStatus.RESOLVED).updatedAt(at).resolvedAt(at).build();
    }

    @Test
    void savedIncidentIsReadBackEqualFieldByField() {
        Incident full = Incident.builder().id("inc-1").fingerprint("triage|errors|rate>5%")
                .addFingerprint("llm:openai|timeout|http.504").addFingerprint("db:primary|latency|p95")
                .title("Errors on triage: 12 % > 5 % for 1 min \"quoted\" – ünïcode")
                .services(List.of("triage", "llm:openai", "db:primary")).severity(Severity.CRITICAL)
                .status(IncidentStatus.RESOLVED).flapping(true).openedAt(T0).updatedAt(T0.plusMillis(90_123))
                .resolvedAt(T0.plusMillis(90_123)).detectionCount(42).build();

        store.save(full);

        Incident read = store.find("inc-1").orElseThrow();
        assertThat(read).isEqualTo(full);
        assertThat(read.fingerprint()).isEqualTo("triage|errors|rate>5%");
        assertThat(read.fingerprints()).containsExactlyInAnyOrder(
                "triage|errors|rate>5%", "llm:openai|timeout|http.504", "db:primary|latency|p95");
        assertThat(read.services()).containsExactlyInAnyOrder("triage", "llm:openai", "db:primary");
        assertThat(read.resolvedAt()).contains(T0.plusMillis(90_123));
        assertThat(read.flapping()).isTrue();
        assertThat(read.detectionCount()).isEqualTo(42);
    }

    @Test
    void openIncidentHasNoResolutionTimeWhenReadBack() {
        Incident open = incident("triage", 0);
        store.save(open);

        Incident read = store.find(open.id()).orElseThrow();
        assertThat(read).isEqualTo(open);
        assertThat(read.resolvedAt()).isEmpty();
        assertThat(read.status()).isEqualTo(IncidentStatus.OPEN);
    }

    @Test
    void findsNothingForAnUnknownId() {
        store.save(incident("triage", 0));
        assertThat(store.find("no-such-incident")).isEmpty();
    }

    @Test
    void rejectsASecondIncidentWithTheSameIdAndKeepsTheFirst() {
        Incident first = incident("triage", 0);
        store.save(first);
        Incident clash = incident("pharmaguard", 5).toBuilder().id(first.id()).build();

        assertThatThrownBy(() -> store.save(clash))
                .isInstanceOf(DuplicateIncidentException.class).hasMessageContaining(first.id());
        assertThat(store.find(first.id())).contains(first);
    }

    @Test
    void updateReplacesEveryField() {
        Incident open = incident("triage", 0);
        store.save(open);
        Incident changed = open.toBuilder().title("new title").addService("db:primary")
                .addFingerprint("db:primary|latency|p95").severity(Severity.CRITICAL)
                .status(IncidentStatus.REMEDIATING).flapping(true).updatedAt(T0.plusSeconds(3600))
                .detectionCount(7).build();

        store.update(changed);

        assertThat(store.find(open.id())).contains(changed);
        assertThat(store.list(IncidentQuery.all())).containsExactly(changed);
    }

    @Test
    void updateCanShrinkServicesAndFingerprints() {
        Incident wide = incident("triage", 0).toBuilder().addService("db:primary").addFingerprint("x|y|z").build();
        store.save(wide);
        Incident narrow = wide.toBuilder().services(List.of("triage")).fingerprints(List.of()).build();

        store.update(narrow);

        assertThat(store.find(wide.id()).orElseThrow().services()).containsExactly("triage");
        assertThat(store.find(wide.id()).orElseThrow().fingerprints()).containsExactly(wide.fingerprint());
        assertThat(store.findActiveByFingerprint("x|y|z")).isEmpty();
    }

    @Test
    void updateOfAnUnknownIncidentIsRejected() {
        Incident never = incident("triage", 0);
        assertThatThrownBy(() -> store.update(never))
                .isInstanceOf(IncidentNotFoundException.class).hasMessageContaining(never.id());
        assertThat(store.find(never.id())).isEmpty();
    }

    @Test
    void timelineKeepsAppendOrderEvenWhenTimesAreOutOfOrder() {
        Incident open = incident("triage", 0);
        store.save(open);
        TimelineEntry opened = TimelineEntry.ofDetection(T0, TimelineEntry.Type.OPENED, "opened", "det-1",
                Map.of("value", "0.12", "threshold", "0.05"));
        TimelineEntry late = TimelineEntry.of(T0.plusSeconds(60), TimelineEntry.Type.NOTE, "later", Map.of());
        TimelineEntry early = TimelineEntry.of(T0.plusSeconds(30), TimelineEntry.Type.CLEARED, "earlier", Map.of());
        TimelineEntry sameTime = TimelineEntry.of(T0.plusSeconds(30), TimelineEntry.Type.NOTE, "same time", Map.of());

        store.append(open.id(), opened);
        store.append(open.id(), late);
        store.append(open.id(), early);
        store.append(open.id(), sameTime);

        assertThat(store.timeline(open.id())).containsExactly(opened, late, early, sameTime);
    }

    @Test
    void timelineEntriesRoundTripEveryField() {
        Incident open = incident("triage", 0);
        store.save(open);
        TimelineEntry withDetection = TimelineEntry.ofDetection(T0.plusMillis(1), TimelineEntry.Type.DETECTION,
                "error rate 12 % – \"high\" ünïcode", "det-42", Map.of("a", "1", "b|c", "x=y", "empty", ""));
        TimelineEntry without = TimelineEntry.of(T0.plusMillis(2), TimelineEntry.Type.STATUS_CHANGED,
                "OPEN -> DIAGNOSED", Map.of("from", "OPEN", "to", "DIAGNOSED"));
        TimelineEntry bare = TimelineEntry.of(T0.plusMillis(3), TimelineEntry.Type.FLAPPING, "", Map.of());

        store.append(open.id(), withDetection);
        store.append(open.id(), without);
        store.append(open.id(), bare);

        List<TimelineEntry> read = store.timeline(open.id());
        assertThat(read).containsExactly(withDetection, without, bare);
        assertThat(read.get(0).detectionId()).contains("det-42");
        assertThat(read.get(0).evidence()).containsEntry("b|c", "x=y").containsEntry("empty", "");
        assertThat(read.get(1).detectionId()).isEmpty();
        assertThat(read.get(2).evidence()).isEmpty();
    }

    @Test
    void everyEntryTypeRoundTrips() {
        Incident open = incident("triage", 0);
        store.save(open);
        List<TimelineEntry> all = new ArrayList<>();
        for (TimelineEntry.Type type : TimelineEntry.Type.values()) {
            TimelineEntry entry = TimelineEntry.of(T0.plusMillis(all.size()), type, type.name(), Map.of());
            all.add(entry);
            store.append(open.id(), entry);
        }
        assertThat(store.timeline(open.id())).containsExactlyElementsOf(all);
    }

    @Test
    void appendToAnUnknownIncidentIsRejected() {
        TimelineEntry entry = TimelineEntry.of(T0, TimelineEntry.Type.NOTE, "orphan", Map.of());
        assertThatThrownBy(() -> store.append("no-such-incident", entry))
                .isInstanceOf(IncidentNotFoundException.class);
        assertThat(store.timeline("no-such-incident")).isEmpty();
    }

    @Test
    void timelinesArePerIncident() {
        Incident a = incident("triage", 0);
        Incident b = incident("pharmaguard", 1);
        store.save(a);
        store.save(b);
        TimelineEntry forA = TimelineEntry.of(T0, TimelineEntry.Type.OPENED, "a", Map.of());
        TimelineEntry forB = TimelineEntry.of(T0, TimelineEntry.Type.OPENED, "b", Map.of());

        store.append(a.id(), forA);
        store.append(b.id(), forB);

        assertThat(store.timeline(a.id())).containsExactly(forA);
        assertThat(store.timeline(b.id())).containsExactly(forB);
    }

    @Test
    void timelineSurvivesUpdatesOfTheIncident() {
        Incident open = incident("triage", 0);
        store.save(open);
        TimelineEntry entry = TimelineEntry.of(T0, TimelineEntry.Type.OPENED, "opened", Map.of());
        store.append(open.id(), entry);

        store.update(open.toBuilder().status(IncidentStatus.DIAGNOSED).updatedAt(T0.plusSeconds(5)).build());

        assertThat(store.timeline(open.id())).containsExactly(entry);
    }

    @Test
    void findsTheActiveIncidentByAnyOfItsFingerprints() {
        Incident open = incident("triage", 0).toBuilder().addFingerprint("db:primary|latency|p95").build();
        store.save(open);
        store.save(incident("pharmaguard", 1));

        assertThat(store.findActiveByFingerprint("triage|errors|rate")).contains(open);
        assertThat(store.findActiveByFingerprint("db:primary|latency|p95")).contains(open);
        assertThat(store.findActiveByFingerprint("db:primary|latency")).isEmpty();
        assertThat(store.findActiveByFingerprint("nobody|errors|rate")).isEmpty();
    }

    @Test
    void resolvedIncidentsAreNotFoundByFingerprint() {
        Incident open = incident("triage", 0);
        store.save(open);
        store.update(resolved(open, T0.plusSeconds(600)));

        assertThat(store.findActiveByFingerprint(open.fingerprint())).isEmpty();
        assertThat(store.find(open.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void everyActiveStateCountsAsActive() {
        for (IncidentStatus status : IncidentStatus.values()) {
            if (!status.active()) {
                continue;
            }
            Incident incident = incident("svc-" + status.name().toLowerCase(), 0).toBuilder().status(status).build();
            store.save(incident);
            assertThat(store.findActiveByFingerprint(incident.fingerprint())).as(status.name()).contains(incident);
        }
    }

    @Test
    void theNewestActiveIncidentWinsWhenSeveralShareAFingerprint() {
        Incident older = incident("triage", 0);
        Incident newer = incident("triage", 10);
        Incident newestButResolved = resolved(incident("triage", 20), T0.plusSeconds(1500));
        store.save(newestButResolved);
        store.save(newer);
        store.save(older);

        assertThat(store.findActiveByFingerprint("triage|errors|rate")).contains(newer);
    }

    @Test
    void theGreatestIdWinsWhenActiveIncidentsWithAFingerprintOpenedTogether() {
        Incident low = incident("triage", 5).toBuilder().id("id-a").build();
        Incident high = incident("triage", 5).toBuilder().id("id-b").build();
        store.save(high);
        store.save(low);

        assertThat(store.findActiveByFingerprint("triage|errors|rate")).contains(high);
    }

    @Test
    void listsNewestFirstWithTiesBrokenByIdDescending() {
        Incident first = incident("a", 0).toBuilder().id("id-b").build();
        Incident tieLow = incident("b", 5).toBuilder().id("id-a").build();
        Incident tieHigh = incident("c", 5).toBuilder().id("id-c").build();
        Incident last = incident("d", 9).toBuilder().id("id-0").build();
        store.save(tieLow);
        store.save(first);
        store.save(last);
        store.save(tieHigh);

        assertThat(store.list(IncidentQuery.all())).containsExactly(last, tieHigh, tieLow, first);
    }

    @Test
    void filtersByStatus() {
        Incident open = incident("a", 0);
        Incident diagnosed = incident("b", 1).toBuilder().status(IncidentStatus.DIAGNOSED).build();
        Incident done = resolved(incident("c", 2), T0.plusSeconds(600));
        store.save(open);
        store.save(diagnosed);
        store.save(done);

        assertThat(store.list(IncidentQuery.all().withStatus(IncidentStatus.OPEN))).containsExactly(open);
        assertThat(store.list(IncidentQuery.all().withStatus(IncidentStatus.OPEN, IncidentStatus.RESOLVED)))
                .containsExactly(done, open);
        assertThat(store.list(IncidentQuery.all().withStatus(IncidentStatus.ESCALATED))).isEmpty();
    }

    @Test
    void filtersBySeverity() {
        Incident critical = incident("a", 0).toBuilder().severity(Severity.CRITICAL).build();
        Incident low = incident("b", 1).toBuilder().severity(Severity.LOW).build();
        Incident high = incident("c", 2);
        store.save(critical);
        store.save(low);
        store.save(high);

        assertThat(store.list(IncidentQuery.all().withSeverity(Severity.CRITICAL))).containsExactly(critical);
        assertThat(store.list(IncidentQuery.all().withSeverity(Severity.CRITICAL, Severity.HIGH)))
                .containsExactly(high, critical);
        assertThat(store.list(IncidentQuery.all().withSeverity(Severity.INFO))).isEmpty();
    }

    @Test
    void filtersByServiceMembershipNotByPrefix() {
        Incident both = incident("triage", 0).toBuilder().addService("db:primary").build();
        Incident dbOnly = incident("db:primary", 1);
        Incident other = incident("db:primary-replica", 2);
        store.save(both);
        store.save(dbOnly);
        store.save(other);

        assertThat(store.list(IncidentQuery.all().withService("db:primary"))).containsExactly(dbOnly, both);
        assertThat(store.list(IncidentQuery.all().withService("triage"))).containsExactly(both);
        assertThat(store.list(IncidentQuery.all().withService("db"))).isEmpty();
    }

    @Test
    void sinceIsInclusiveOnTheOpeningTime() {
        Incident before = incident("a", 0);
        Incident exactly = incident("b", 10);
        Incident after = incident("c", 20);
        store.save(before);
        store.save(exactly);
        store.save(after);

        assertThat(store.list(IncidentQuery.all().withSince(exactly.openedAt()))).containsExactly(after, exactly);
        assertThat(store.list(IncidentQuery.all().withSince(exactly.openedAt().plusMillis(1))))
                .containsExactly(after);
    }

    @Test
    void combinesFiltersAndThenLimits() {
        List<Incident> matching = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Incident incident = incident("triage", i).toBuilder().severity(i % 2 == 0 ? Severity.HIGH : Severity.LOW)
                    .build();
            store.save(incident);
            if (i % 2 == 0 && i >= 2) {
                matching.add(0, incident);
            }
        }
        store.save(incident("pharmaguard", 7));

        IncidentQuery query = IncidentQuery.all().withService("triage").withSeverity(Severity.HIGH)
                .withStatus(IncidentStatus.OPEN).withSince(T0.plusSeconds(120));
        assertThat(store.list(query)).containsExactlyElementsOf(matching);
        assertThat(store.list(query.withLimit(1))).containsExactly(matching.get(0));
    }

    @Test
    void limitKeepsTheNewest() {
        List<Incident> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Incident incident = incident("svc" + i, i);
            all.add(0, incident);
            store.save(incident);
        }
        assertThat(store.list(IncidentQuery.all().withLimit(3))).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(store.list(IncidentQuery.all().withLimit(10))).containsExactlyElementsOf(all);
    }

    @Test
    void listSeesUpdates() {
        Incident open = incident("triage", 0);
        store.save(open);
        Incident done = resolved(open, T0.plusSeconds(300));
        store.update(done);

        assertThat(store.list(IncidentQuery.all().withStatus(IncidentStatus.OPEN))).isEmpty();
        assertThat(store.list(IncidentQuery.all().withStatus(IncidentStatus.RESOLVED))).containsExactly(done);
    }

    @Test
    void listOfAnEmptyStoreIsEmpty() {
        assertThat(store.list(IncidentQuery.all())).isEmpty();
    }

    @Test
    void concurrentAppendsAreAllKeptEachWriterInItsOwnOrder() throws Exception {
        Incident open = incident("triage", 0);
        store.save(open);
        int writers = 4;
        int perWriter = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = "w" + w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        store.append(open.id(), TimelineEntry.of(T0.plusMillis(i), TimelineEntry.Type.NOTE,
                                writer + ":" + i, Map.of("writer", writer)));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<TimelineEntry> timeline = store.timeline(open.id());
        assertThat(timeline).hasSize(writers * perWriter);
        for (int w = 0; w < writers; w++) {
            String writer = "w" + w;
            List<String> own = timeline.stream().filter(e -> e.evidence().get("writer").equals(writer))
                    .map(TimelineEntry::message).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
                expected.add(writer + ":" + i);
            }
            assertThat(own).containsExactlyElementsOf(expected);
        }
        assertThat(Set.copyOf(timeline)).hasSize(writers * perWriter);
    }
}
