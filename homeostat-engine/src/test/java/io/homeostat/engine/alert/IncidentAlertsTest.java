package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.memory.InMemoryAlertStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentAlertsTest {

    private final ManualClock clock = ManualClock.create();
    private final DependencyGraph graph = DependencyGraph.of(Map.of("checkout", Set.of("db:primary")));
    private final RecordingChannel ops = new RecordingChannel("ops");
    private final InMemoryAlertStore history = new InMemoryAlertStore();
    private final Alerting alerting = Alerting.builder(clock.scheduler()).receiver(Receiver.of("ops", ops))
            .route(Route.to("ops").groupBy(Labels.INCIDENT).build()).graph(graph).store(history).build();
    private final IncidentTracker tracker =
            IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).graph(graph).build();

    private Detection detection(String service, Severity severity) {
        return new Detection("d-" + service, "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey(service, "error.rate"), "errors", "error.rate>5%", severity, 0.9,
                "errors on " + service, Map.of(), clock.instant());
    }

    @Test
    void incidentsLabelTheirAlertsAndTheirResolutionResolvesEveryAlertOfThem() {
        tracker.listen(IncidentAlerts.feeding(alerting));
        Incident incident = tracker.observe(detection("db:primary", Severity.CRITICAL)).orElseThrow();
        tracker.observe(detection("checkout", Severity.HIGH));
        clock.advance(Duration.ofSeconds(30));

        assertThat(alerting.alerts()).hasSize(2)
                .allSatisfy(a -> assertThat(a.labels().incident()).contains(incident.id()));
        assertThat(ops.last().firing()).extracting(a -> a.labels().service()).containsExactly("db:primary");

        tracker.resolve(incident.id(), "alice", "failover done");

        assertThat(alerting.alerts()).isEmpty();
        assertThat(history.incident(incident.id())).filteredOn(e -> e.kind() == AlertEvent.Kind.RESOLVED)
                .hasSize(2).allSatisfy(e -> assertThat(e.actor()).isEqualTo("alice"));
    }
}
