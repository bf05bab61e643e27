package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemorySilenceStore;
import io.homeostat.engine.port.memory.StoreOutage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Silences outlive a restart: each alert manager below is a process, built over the same silence
 * store on a clock of its own (a stopped process's timers do not run).
 */
class SilenceRestartTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemorySilenceStore store = new InMemorySilenceStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();

    /** One process: its clock, what it sent, its alert manager. */
    private record Process(ManualClock clock, RecordingChannel ops, Alerting alerting) {

        Alert checkout() {
            return Alert.of("checkout", Severity.HIGH, "errors", "inc-1", "errors on checkout", clock.instant());
        }
    }

    private Process start(Instant at, SilenceStore silences) {
        ManualClock clock = ManualClock.at(at);
        RecordingChannel ops = new RecordingChannel("ops");
        Alerting alerting = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", ops))
                .route(Route.to("ops").groupBy(Labels.SERVICE)
                        .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                        .build())
                .audit(audit)
                .silences(silences)
                .build();
        return new Process(clock, ops, alerting);
    }

    private Process start(Instant at) {
        return start(at, store);
    }

    private static Silence maintenance(Process process, String service, Duration length) {
        Instant now = process.clock().instant();
        return process.alerting().silence(List.of(Matcher.eq(Labels.SERVICE, service)), now, now.plus(length),
                "token:ops", "maintenance of " + service);
    }

    private List<AuditRecord> expired() {
        return audit.recent(100).stream().filter(r -> r.action().equals(Alerting.SILENCE_EXPIRED)).toList();
    }

    @Test
    void aSilenceMadeBeforeARestartStillMutesAfterItUntilItsEnd() {
        Process first = start(START);
        Silence silence = maintenance(first, "checkout", Duration.ofHours(2));

        Process second = start(START.plus(Duration.ofMinutes(5)));
        assertThat(second.alerting().silences()).containsExactly(silence);
        Alert alert = second.checkout();
        second.alerting().fire(alert);
        second.clock().advance(Duration.ofMinutes(1));
        assertThat(second.ops().count()).isZero();
        assertThat(second.alerting().alert(alert.fingerprint()).orElseThrow().mutedBy()).isEqualTo(silence.id());

        second.clock().advance(Duration.ofHours(2));
        assertThat(second.ops().count()).isEqualTo(1);
        assertThat(second.alerting().silences()).isEmpty();
        assertThat(expired()).singleElement().satisfies(r -> assertThat(r.target()).isEqualTo("silence:" + silence.id()));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aSilenceThatRanOutWhileTheServerWasDownIsNotRestoredAndIsAuditedOnce() {
        Process first = start(START);
        Silence silence = maintenance(first, "checkout", Duration.ofMinutes(30));

        Process second = start(START.plus(Duration.ofHours(1)));
        assertThat(second.alerting().silences()).isEmpty();
        second.alerting().fire(second.checkout());
        second.clock().advance(Duration.ofSeconds(30));
        assertThat(second.ops().count()).isEqualTo(1);
        assertThat(expired()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("silence:" + silence.id());
            assertThat(r.reason()).contains("PT30M");
        });
        assertThat(store.all()).isEmpty();

        Process third = start(START.plus(Duration.ofHours(2)));
        third.clock().advance(Duration.ofMinutes(1));
        assertThat(expired()).hasSize(1);
    }

    @Test
    void aSilenceEndedEarlyOrRunOutIsNotRestored() {
        Process first = start(START);
        Silence ended = maintenance(first, "checkout", Duration.ofHours(2));
        maintenance(first, "search", Duration.ofMinutes(10));
        Silence kept = maintenance(first, "orders", Duration.ofHours(3));
        first.clock().advance(Duration.ofMinutes(1));
        assertThat(first.alerting().expire(ended.id(), "token:bob")).isTrue();
        first.clock().advance(Duration.ofMinutes(10));

        assertThat(store.all()).containsExactly(kept);
        Process second = start(first.clock().instant());
        assertThat(second.alerting().silences()).containsExactly(kept);
        assertThat(second.alerting().expire(ended.id(), "token:bob")).isFalse();
    }

    @Test
    void aSilenceMadeAfterARestartDoesNotReplaceOneRestored() {
        Process first = start(START);
        Silence before = maintenance(first, "checkout", Duration.ofHours(2));

        Process second = start(START.plus(Duration.ofMinutes(1)));
        Silence after = maintenance(second, "search", Duration.ofHours(1));

        assertThat(after.id()).isNotEqualTo(before.id());
        assertThat(second.alerting().silences()).containsExactly(before, after);
        assertThat(store.all()).containsExactly(before, after);
        second.alerting().fire(second.checkout());
        second.clock().advance(Duration.ofSeconds(30));
        assertThat(second.ops().count()).isZero();
    }

    @Test
    void whileTheStoreIsDownASilenceHoldsAndTheCallerHearsItWillNotOutliveARestart() {
        StoreOutage outage = new StoreOutage();
        Process first = start(START, outage.wrap(SilenceStore.class, store));
        outage.down(true);

        assertThatThrownBy(() -> maintenance(first, "checkout", Duration.ofHours(2)))
                .isInstanceOfSatisfying(SilenceNotStoredException.class, e -> {
                    assertThat(e.getMessage()).contains("in force now", "restart will forget it");
                    assertThat(first.alerting().silences()).containsExactly(e.silence());
                });
        first.alerting().fire(first.checkout());
        first.clock().advance(Duration.ofSeconds(30));
        assertThat(first.ops().count()).isZero();

        outage.down(false);
        Silence search = maintenance(first, "search", Duration.ofHours(1));
        outage.down(true);
        assertThatThrownBy(() -> first.alerting().expire(search.id(), "token:bob"))
                .isInstanceOf(SilenceNotStoredException.class).hasMessageContaining("bring it back");
        assertThat(first.alerting().silences()).extracting(Silence::id).doesNotContain(search.id());
        assertThat(store.all()).containsExactly(search);
    }

    @Test
    void aSilenceEndedWhileTheStoreWasDownIsRemovedWhenEndedAgainAndDoesNotComeBack() {
        StoreOutage outage = new StoreOutage();
        Process first = start(START, outage.wrap(SilenceStore.class, store));
        Silence search = maintenance(first, "search", Duration.ofHours(1));
        outage.down(true);
        assertThatThrownBy(() -> first.alerting().expire(search.id(), "token:bob"))
                .isInstanceOf(SilenceNotStoredException.class).hasMessageContaining("end it again");
        outage.down(false);

        assertThat(first.alerting().expire(search.id(), "token:bob")).as("the retry is taken").isTrue();
        assertThat(store.all()).isEmpty();
        assertThat(first.alerting().expire(search.id(), "token:bob")).as("then it is unknown").isFalse();
        assertThat(start(START.plusSeconds(60)).alerting().silences()).isEmpty();
    }

    @Test
    void aSilenceWhoseRemovalFailedIsRemovedWithTheNextChange() {
        StoreOutage outage = new StoreOutage();
        Process first = start(START, outage.wrap(SilenceStore.class, store));
        Silence search = maintenance(first, "search", Duration.ofHours(1));
        outage.down(true);
        first.clock().advance(Duration.ofHours(1)); // it runs out; its removal fails
        assertThat(store.all()).containsExactly(search);
        outage.down(false);

        Silence checkout = maintenance(first, "checkout", Duration.ofHours(1));

        assertThat(store.all()).containsExactly(checkout);
    }
}
