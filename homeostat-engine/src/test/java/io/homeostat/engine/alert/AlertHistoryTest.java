package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Channel;
import io.homeostat.engine.alert.notify.DeliveryStats;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertHistoryTest {

    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final List<AlertEvent> audit = new ArrayList<>();
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", ops))
            .route(Route.to("ops").build())
            .store(history)
            .auditHook(audit::add)
            .build();

    private Detection detection(Detection.Status status) {
        return new Detection("d1", "threshold", Detection.Kind.THRESHOLD, status,
                new SeriesKey("checkout", "error.rate"), "errors", "error.rate>5%", Severity.HIGH, 0.9,
                "error rate 12 %", Map.of(), clock.instant());
    }

    @Test
    void everyStepOfAnAlertIsKeptWithWhoAndWhen() {
        alerting.observe(detection(Detection.Status.FIRING), "inc-1");
        String id = Alert.of(detection(Detection.Status.FIRING), "inc-1").fingerprint();
        clock.advance(Duration.ofSeconds(30));
        clock.advance(Duration.ofMinutes(1));
        Instant ackedAt = clock.instant();
        alerting.acknowledge(id, "alice");
        clock.advance(Duration.ofMinutes(10));
        Instant resolvedAt = clock.instant();
        alerting.resolve(id, "bob");

        List<AlertEvent> events = history.history(id);
        assertThat(events).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.FIRED,
                AlertEvent.Kind.NOTIFIED, AlertEvent.Kind.ACKNOWLEDGED, AlertEvent.Kind.RESOLVED);
        assertThat(events.get(2).actor()).isEqualTo("alice");
        assertThat(events.get(2).time()).isEqualTo(ackedAt);
        assertThat(events.get(3).actor()).isEqualTo("bob");
        assertThat(events.get(3).time()).isEqualTo(resolvedAt);
        assertThat(events).allSatisfy(e -> assertThat(e.incident()).contains("inc-1"));
        assertThat(audit).isEqualTo(history.recent(100).reversed());
    }

    @Test
    void aClearedDetectionResolvesItsAlert() {
        alerting.observe(detection(Detection.Status.FIRING), "");
        alerting.observe(detection(Detection.Status.CLEARED), "");
        assertThat(alerting.alerts()).isEmpty();
        assertThat(audit).extracting(AlertEvent::kind).containsExactly(AlertEvent.Kind.FIRED, AlertEvent.Kind.RESOLVED);
    }

    @Test
    void unknownAlertsAreRejectedByName() {
        assertThatThrownBy(() -> alerting.acknowledge("0000", "alice"))
                .isInstanceOf(UnknownAlertException.class).hasMessageContaining("0000");
        assertThatThrownBy(() -> alerting.resolve("0000", "alice")).isInstanceOf(UnknownAlertException.class);
    }

    @Test
    void failingStoresHooksAndChannelsAreCountedAndDoNotStopAlerting() {
        Channel broken = new Channel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void send(Notification notification) {
                throw new IllegalStateException("boom");
            }

            @Override
            public DeliveryStats stats() {
                return new DeliveryStats(0, 0, 0, 0, 0, List.of());
            }
        };
        Alerting fragile = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("ops", broken))
                .route(Route.to("ops").build())
                .auditHook(e -> {
                    throw new IllegalStateException("hook down");
                })
                .build();
        fragile.fire(Alert.of("checkout", Severity.HIGH, "errors", "", "x", clock.instant()));
        clock.advance(Duration.ofSeconds(30));

        assertThat(fragile.stats().notifications()).isEqualTo(1);
        assertThat(fragile.stats().failures()).isEqualTo(3); // FIRED and NOTIFIED hooks, the channel
        assertThat(fragile.alerts()).hasSize(1);
        assertThat(fragile.deliveries()).containsOnlyKeys("ops/broken");
        assertThat(alerting.deliveries().get("ops/ops").delivered()).isZero();
    }

    @Test
    void labelsNeedServiceAndAKnownSeverity() {
        assertThatThrownBy(() -> Labels.of(Map.of("service", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Labels.of(Map.of("service", "x", "severity", "urgent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urgent");
        Labels a = Labels.of(Map.of("service", "x", "severity", "high", "team", "db"));
        Labels b = Labels.of(Map.of("team", "db", "severity", "high", "service", "x"));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(16);
        assertThat(a.fingerprint()).isNotEqualTo(Labels.of(Map.of("service", "x", "severity", "low")).fingerprint());
    }
}
