package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.UpstreamCause;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InhibitionTest {

    // checkout -> payments -> db:primary; search -> db:replica
    private final DependencyGraph graph = DependencyGraph.of(Map.of(
            "checkout", Set.of("payments"),
            "payments", Set.of("db:primary"),
            "search", Set.of("db:replica")));
    private final ManualClock clock = ManualClock.create();
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("ops", ops))
            .route(Route.to("ops").groupBy(Labels.SERVICE)
                    .timing(new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofHours(4)))
                    .build())
            .graph(graph)
            .store(history)
            .build();

    private Alert alert(String service, Severity severity, String incident) {
        return Alert.of(service, severity, "errors", incident, "errors on " + service, clock.instant());
    }

    @Test
    void aCriticalUpstreamAlertMutesTheDownstreamAlertsItExplainsEvenWhenItArrivesLater() {
        Alert checkout = alert("checkout", Severity.CRITICAL, "inc-1");
        Alert payments = alert("payments", Severity.HIGH, "inc-1");
        Alert search = alert("search", Severity.HIGH, "inc-2");
        alerting.fire(checkout);
        alerting.fire(payments);
        alerting.fire(search);
        clock.advance(Duration.ofSeconds(10));
        alerting.fire(alert("db:primary", Severity.CRITICAL, "inc-1"));
        clock.advance(Duration.ofSeconds(40));

        assertThat(ops.sent()).extracting(n -> n.groupLabels().get(Labels.SERVICE))
                .containsExactlyInAnyOrder("db:primary", "search");
        assertThat(alerting.alert(checkout.fingerprint()).orElseThrow())
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.INHIBITED))
                .satisfies(a -> assertThat(a.mutedBy()).isEqualTo("db:primary"));
        assertThat(history.history(payments.fingerprint())).extracting(AlertEvent::kind)
                .containsExactly(AlertEvent.Kind.FIRED, AlertEvent.Kind.INHIBITED);
    }

    @Test
    void onlyACriticalUpstreamAlertInhibits() {
        alerting.fire(alert("db:primary", Severity.HIGH, ""));
        alerting.fire(alert("checkout", Severity.HIGH, ""));
        clock.advance(Duration.ofSeconds(30));

        assertThat(ops.sent()).extracting(n -> n.groupLabels().get(Labels.SERVICE))
                .containsExactlyInAnyOrder("db:primary", "checkout");
    }

    @Test
    void theSameRuleTellsRecoveryToHoldBackDownstreamRemediation() {
        Alert db = alert("db:primary", Severity.CRITICAL, "inc-1");
        alerting.fire(db);

        UpstreamCause cause = alerting.upstreamCause("checkout").orElseThrow();
        assertThat(cause.upstream()).isEqualTo("db:primary");
        assertThat(cause.alertId()).isEqualTo(db.fingerprint());
        assertThat(alerting.upstreamCause("search")).isEmpty();
        assertThat(alerting.upstreamCause("db:primary")).isEmpty();

        alerting.clear(db.labels());
        assertThat(alerting.upstreamCause("checkout")).isEmpty();
    }

    @Test
    void resolvingTheIncidentResolvesItsInhibitedAlertsSoNothingDownstreamSurfaces() {
        Alert db = alert("db:primary", Severity.CRITICAL, "inc-1");
        Alert payments = alert("payments", Severity.HIGH, "inc-1");
        Alert checkout = alert("checkout", Severity.HIGH, "inc-1");
        alerting.fire(db);
        alerting.fire(payments);
        alerting.fire(checkout);
        clock.advance(Duration.ofSeconds(30));
        assertThat(ops.count()).isEqualTo(1);

        int resolved = alerting.resolveIncident("inc-1", "carol");
        clock.advance(Duration.ofMinutes(5));

        assertThat(resolved).isEqualTo(3);
        assertThat(alerting.alerts()).isEmpty();
        // one resolved notification for db:primary; checkout and payments were never shown and stay quiet
        assertThat(ops.count()).isEqualTo(2);
        assertThat(ops.last().resolved()).extracting(a -> a.labels().service()).containsExactly("db:primary");
        assertThat(history.history(checkout.fingerprint())).last()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(AlertEvent.Kind.RESOLVED))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("carol"));
    }

    @Test
    void withoutResolvingTheIncidentADownstreamAlertStillFiringSurfacesWhenTheCauseClears() {
        Alert db = alert("db:primary", Severity.CRITICAL, "");
        alerting.fire(db);
        alerting.fire(alert("checkout", Severity.HIGH, ""));
        clock.advance(Duration.ofSeconds(30));
        alerting.clear(db.labels());
        clock.advance(Duration.ofMinutes(1));

        assertThat(ops.sent()).extracting(n -> n.groupLabels().get(Labels.SERVICE))
                .containsExactlyInAnyOrder("db:primary", "checkout", "db:primary");
    }

    @Test
    void aGraphLearnedLaterIsUsedFromThenOn() {
        alerting.graph(graph.with("search", "db:primary"));
        alerting.fire(alert("db:primary", Severity.CRITICAL, ""));
        assertThat(alerting.upstreamCause("search")).isPresent();
    }
}
