package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.OnCallLevel;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.memory.ForwardingActiveAlertStore;
import io.homeostat.engine.port.memory.InMemoryActiveAlertStore;
import io.homeostat.engine.port.memory.StoreOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The alerts that have not resolved, and who acknowledged them, outlive a restart: each alert
 * manager below is a process, built over the same store on a clock of its own (a stopped
 * process's timers do not run). Alerts route to {@code ops}; critical ones also page the on-call.
 */
class AcknowledgementRestartTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryActiveAlertStore store = new InMemoryActiveAlertStore();

    /** One process: its clock, what it sent to ops and to the pager, its alert manager. */
    private record Process(ManualClock clock, RecordingChannel ops, RecordingChannel pager, Alerting alerting) {

        Alert critical(String service, String incident) {
            return Alert.of(service, Severity.CRITICAL, "availability", incident, service + " down", clock.instant());
        }
    }

    private Process start(Instant at, ActiveAlertStore alerts) {
        ManualClock clock = ManualClock.at(at);
        RecordingChannel ops = new RecordingChannel("ops");
        RecordingChannel pager = new RecordingChannel("pager");
        OnCallRotation rotation = OnCallRotation.of(
                new OnCallLevel("primary", "pager", List.of("alice"), Duration.ofDays(7), START),
                new OnCallLevel("secondary", "pager", List.of("carol"), Duration.ofDays(7), START),
                new OnCallLevel(EscalationPolicy.INCIDENT_RESPONSE, "pager", List.of("dave"), Duration.ofDays(7), START));
        Alerting alerting = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", ops))
                .receiver(Receiver.of("pager", pager))
                .route(Route.to("ops").groupBy(Labels.SERVICE)
                        .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                        .build())
                .escalation(EscalationPolicy.defaults(), rotation)
                .activeAlerts(alerts)
                .build();
        return new Process(clock, ops, pager, alerting);
    }

    private Process start(Instant at) {
        return start(at, store);
    }

    @Test
    void anAlertAcknowledgedBeforeARestartIsNeitherNotifiedNorEscalatedAgainAfterIt() {
        Process first = start(START);
        Alert alert = first.critical("db:primary", "inc-1");
        first.alerting().fire(alert);
        first.clock().advance(Duration.ofSeconds(30));
        assertThat(first.ops().count()).isEqualTo(1);
        assertThat(first.pager().count()).isEqualTo(1);
        first.alerting().acknowledge(alert.fingerprint(), "token:alice");

        Process second = start(START.plus(Duration.ofMinutes(5)));
        assertThat(second.alerting().alerts()).singleElement().satisfies(view -> {
            assertThat(view.fingerprint()).isEqualTo(alert.fingerprint());
            assertThat(view.state()).isEqualTo(AlertState.FIRING);
            assertThat(view.acknowledgedBy()).isEqualTo("token:alice");
            assertThat(view.startsAt()).isEqualTo(START);
            assertThat(view.summary()).isEqualTo("db:primary down");
        });
        // the detection goes on after the restart: the same alert, still taken
        second.alerting().fire(second.critical("db:primary", "inc-1"));
        second.clock().advance(Duration.ofMinutes(30));
        assertThat(second.ops().count()).isZero();
        assertThat(second.pager().count()).isZero();
        assertThat(second.alerting().alert(alert.fingerprint()).orElseThrow().acknowledged()).isTrue();

        // when it resolves, the receiver that was shown it hears so, and the store forgets it
        second.alerting().resolveIncident("inc-1", "token:alice");
        second.clock().advance(Duration.ofMinutes(1));
        assertThat(second.ops().last().resolved()).extracting(AlertView::fingerprint).containsExactly(alert.fingerprint());
        assertThat(store.all()).isEmpty();
    }

    @Test
    void anAlertNobodyAcknowledgedIsBackAfterARestartAndNotifiedAtItsGroupsFirstTick() {
        Process first = start(START);
        Alert alert = first.critical("db:primary", "inc-1");
        first.alerting().fire(alert);

        Process second = start(START.plus(Duration.ofSeconds(10)));
        assertThat(second.alerting().alerts()).extracting(AlertView::fingerprint).containsExactly(alert.fingerprint());
        second.clock().advance(Duration.ofSeconds(30));
        assertThat(second.ops().sent()).singleElement()
                .satisfies(n -> assertThat(n.firing()).extracting(AlertView::fingerprint).containsExactly(alert.fingerprint()));
        assertThat(second.pager().count()).as("nobody took it: the escalation starts").isEqualTo(1);
    }

    @Test
    void anIncidentAcknowledgedBeforeARestartStaysAcknowledgedAndAResolvedAlertIsNotRestored() {
        Process first = start(START);
        Alert db = first.critical("db:primary", "inc-1");
        Alert api = first.critical("api", "inc-1");
        Alert search = first.critical("search", "inc-2");
        first.alerting().fire(db);
        first.alerting().fire(api);
        first.alerting().fire(search);
        first.clock().advance(Duration.ofSeconds(30));
        assertThat(first.alerting().acknowledgeIncident("inc-1", "token:bob")).isTrue();
        first.alerting().resolveIncident("inc-2", "token:bob");

        Process second = start(START.plus(Duration.ofMinutes(1)));
        assertThat(second.alerting().alerts()).extracting(AlertView::fingerprint)
                .containsExactlyInAnyOrder(db.fingerprint(), api.fingerprint());
        assertThat(second.alerting().alerts()).extracting(AlertView::acknowledgedBy).containsOnly("token:bob");
        second.clock().advance(Duration.ofHours(5));
        assertThat(second.ops().count()).isZero();
        assertThat(second.pager().count()).isZero();
    }

    @Test
    void anAlertThatFiresAgainAfterItResolvedIsKeptAsNotAcknowledged() {
        Process first = start(START);
        Alert alert = first.critical("db:primary", "inc-1");
        first.alerting().fire(alert);
        first.alerting().acknowledge(alert.fingerprint(), "token:alice");
        first.alerting().clear(alert.labels());
        assertThat(store.all()).isEmpty();
        first.clock().advance(Duration.ofSeconds(5));
        first.alerting().fire(first.critical("db:primary", "inc-1"));

        assertThat(store.all()).singleElement().satisfies(kept -> assertThat(kept.acknowledged()).isFalse());
        Process second = start(START.plus(Duration.ofMinutes(1)));
        second.clock().advance(Duration.ofSeconds(30));
        assertThat(second.ops().count()).isEqualTo(1);
    }

    @Test
    void anAcknowledgementTheStoreCouldNotTakeIsWrittenAtTheRetryWithTheChangesMadeMeanwhile() {
        StoreOutage outage = new StoreOutage();
        Process first = start(START, outage.wrap(ActiveAlertStore.class, store));
        Alert alert = first.critical("db:primary", "inc-1");
        first.alerting().fire(alert);
        outage.down(true);
        first.alerting().acknowledge(alert.fingerprint(), "token:alice");
        assertThat(first.alerting().stats().failures()).isEqualTo(1);
        assertThat(store.all()).extracting(ActiveAlert::acknowledged).containsExactly(false);
        long tried = outage.refused();
        Alert during = first.critical("billing", "inc-3");
        first.alerting().fire(during);
        assertThat(outage.refused()).as("while a retry is set, a change does not wait for the database").isEqualTo(tried);

        outage.down(false);
        Alert other = first.critical("search", "inc-2");
        first.alerting().fire(other);
        assertThat(store.all()).as("noted, not written: the database failed lately").hasSize(1);
        first.clock().advance(Alerting.STORE_RETRY);

        assertThat(store.all()).extracting(ActiveAlert::fingerprint, ActiveAlert::acknowledgedBy)
                .containsExactlyInAnyOrder(tuple(alert.fingerprint(), "token:alice"),
                        tuple(during.fingerprint(), ""), tuple(other.fingerprint(), ""));
    }

    @Test
    void anAcknowledgementTheStoreCouldNotTakeIsWrittenLaterWhenNothingElseChanges() {
        StoreOutage outage = new StoreOutage();
        Process first = start(START, outage.wrap(ActiveAlertStore.class, store));
        Alert alert = first.critical("db:primary", "inc-1");
        first.alerting().fire(alert);
        outage.down(true);
        first.alerting().acknowledge(alert.fingerprint(), "token:alice");
        first.clock().advance(Alerting.STORE_RETRY);
        assertThat(store.all()).extracting(ActiveAlert::acknowledged).as("still away").containsExactly(false);

        outage.down(false);
        first.clock().advance(Alerting.STORE_RETRY);

        assertThat(store.all()).extracting(ActiveAlert::acknowledgedBy).containsExactly("token:alice");
    }

    @Test
    @Timeout(30)
    void aWriteThatFinishesLateDoesNotPutBackAnAlertThatResolvedMeanwhile() throws Exception {
        CountDownLatch saving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActiveAlertStore slow = new ForwardingActiveAlertStore(store) {
            @Override
            public void save(ActiveAlert alert) {
                if (alert.acknowledged()) {
                    saving.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.save(alert);
            }
        };
        Process process = start(START, slow);
        Alert alert = process.critical("db:primary", "inc-1");
        process.alerting().fire(alert);

        // the acknowledgement's write is held in the store; the alert resolves meanwhile on another thread
        Thread acknowledging = Thread.ofPlatform().start(() -> process.alerting().acknowledge(alert.fingerprint(), "token:alice"));
        assertThat(saving.await(10, TimeUnit.SECONDS)).isTrue();
        Thread clearing = Thread.ofPlatform().start(() -> process.alerting().clear(alert.labels()));
        while (clearing.getState() != Thread.State.WAITING && clearing.isAlive()) {
            Thread.onSpinWait(); // until its write waits behind the held one (or, unserialised, is done)
        }
        release.countDown();
        acknowledging.join(10_000);
        clearing.join(10_000);

        assertThat(process.alerting().alerts()).isEmpty();
        assertThat(store.all()).as("the last write is the alert's latest state: resolved").isEmpty();
    }
}
