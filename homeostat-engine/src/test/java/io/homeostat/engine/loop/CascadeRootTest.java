package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A database fails and its callers fail after it: one incident, diagnosed with the database as the
 * root. Recovery acts on the database, never on the callers, and a caller's own trouble is held
 * while the database's incident is active.
 */
class CascadeRootTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final InMemoryWorkflowStore runs = new InMemoryWorkflowStore();
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final RestartingLoop restarting = new RestartingLoop();

    private final ControlLoop loop = restarting.builder(clock, bus, runs, log)
            .graph(() -> DependencyGraph.of(Map.of("orders", Set.of("db"), "web", Set.of("orders"),
                    "billing", Set.of("ledger"), "search", Set.of("index")))).build();

    private void troubleOn(String service) {
        bus.publish(new MetricSample(service, "trouble", 1, clock.instant(), Map.of()));
        bus.drain();
    }

    @Test
    void recoveryActsOnTheDiagnosedRootAndHoldsTheServicesDownstream() {
        troubleOn("db");
        clock.advance(Duration.ofSeconds(2));
        troubleOn("orders");
        loop.tick();
        assertThat(restarting.restarted).as("nothing acts before the incident settled and was diagnosed").isEmpty();

        clock.advance(Duration.ofSeconds(10));
        loop.tick();

        Incident incident = loop.incidents().active().getFirst();
        assertThat(incident.services()).containsExactlyInAnyOrder("db", "orders");
        assertThat(incident.status()).isEqualTo(IncidentStatus.REMEDIATING);
        assertThat(loop.diagnosis().latest(incident.id()).orElseThrow().rootService()).isEqualTo("db");
        assertThat(restarting.restarted).containsExactly("db");
        assertThat(log.recent(50)).extracting(r -> r.action()).as("3 of 6 services is not more than half")
                .doesNotContain("recovery.escalation.high_impact");
        assertThat(runs.active()).extracting(WorkflowRun::service).containsExactly("db");

        assertThat(ControlLoopBuilder.heldBy("web", loop.incidents(), loop.diagnosis()))
                .hasValueSatisfying(why -> assertThat(why).startsWith("db is the diagnosed root"));
        assertThat(ControlLoopBuilder.heldBy("db", loop.incidents(), loop.diagnosis())).isEmpty();
        assertThat(ControlLoopBuilder.heldBy("billing", loop.incidents(), loop.diagnosis())).isEmpty();
    }
}
