package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Acknowledging and resolving change an alert once: a second acknowledgement, by anybody, leaves
 * the first person in place, and a resolved alert is neither acknowledged nor resolved again;
 * none of the refused calls reaches the history.
 */
class FirstAcknowledgementStandsTest {

    private final ManualClock clock = ManualClock.create();
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", new RecordingChannel("ops")))
            .route(Route.to("ops").build())
            .store(history)
            .build();

    private String fire(String service, String incident) {
        Alert alert = Alert.of(service, Severity.HIGH, "errors", incident, "errors on " + service, clock.instant());
        alerting.fire(alert);
        return alert.fingerprint();
    }

    private long events(String fingerprint, AlertEvent.Kind kind) {
        return history.history(fingerprint).stream().filter(e -> e.kind() == kind).count();
    }

    @Test
    void aSecondAcknowledgementLeavesTheFirstPersonInPlace() {
        String id = fire("checkout", "");

        assertThat(alerting.acknowledge(id, "alice")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(alerting.acknowledge(id, "bob")).isFalse();
        assertThat(alerting.acknowledge(id, "alice")).isFalse();

        assertThat(alerting.alert(id).orElseThrow().acknowledgedBy()).isEqualTo("alice");
        assertThat(history.history(id)).filteredOn(e -> e.kind() == AlertEvent.Kind.ACKNOWLEDGED)
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("alice"));
    }

    @Test
    void aResolvedAlertIsNeitherResolvedNorAcknowledgedAgain() {
        String id = fire("checkout", "");

        assertThat(alerting.resolve(id, "alice")).isTrue();
        assertThat(alerting.resolve(id, "bob")).isFalse();
        assertThat(alerting.acknowledge(id, "bob")).isFalse();

        AlertView view = alerting.alert(id).orElseThrow();
        assertThat(view.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(view.acknowledgedBy()).isEmpty();
        assertThat(events(id, AlertEvent.Kind.RESOLVED)).isEqualTo(1);
        assertThat(events(id, AlertEvent.Kind.ACKNOWLEDGED)).isZero();
    }

    @Test
    void anAlertThatFiresAgainCanBeAcknowledgedAgain() {
        String id = fire("checkout", "");
        alerting.acknowledge(id, "alice");
        alerting.resolve(id, "alice");
        clock.advance(Duration.ofMinutes(5));
        fire("checkout", "");

        assertThat(alerting.acknowledge(id, "bob")).isTrue();
        assertThat(alerting.alert(id).orElseThrow().acknowledgedBy()).isEqualTo("bob");
    }

    @Test
    void acknowledgingAnIncidentLeavesAlertsSomebodyTookAlready() {
        String taken = fire("checkout", "inc-1");
        String open = fire("payments", "inc-1");
        alerting.acknowledge(taken, "alice");

        assertThat(alerting.acknowledgeIncident("inc-1", "bob")).isTrue();

        assertThat(alerting.alert(taken).orElseThrow().acknowledgedBy()).isEqualTo("alice");
        assertThat(alerting.alert(open).orElseThrow().acknowledgedBy()).isEqualTo("bob");
        assertThat(events(taken, AlertEvent.Kind.ACKNOWLEDGED)).isEqualTo(1);
    }
}
