package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.Guard;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, gap 5: without a configured dependency graph the loop learns one from the caller tag of
 * real guard traffic, and the high-impact escalation rule counts "all services" in it.
 */
class LearnedGraphImpactTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final InMemoryAuditLog log = new InMemoryAuditLog();

    private ControlLoopBuilder loop() {
        return new RestartingLoop().builder(clock, bus, new InMemoryWorkflowStore(), log);
    }

    /** One failing call through a guard that names its caller: the edge caller -> dependency. */
    private void traffic(String caller, String dependency) {
        Guard guard = Guard.builder(dependency).clock(clock).signalBus(bus).caller(caller).build();
        assertThatThrownBy(() -> guard.call(() -> {
            throw new IllegalStateException("slow");
        })).isInstanceOf(IllegalStateException.class);
        bus.drain();
    }

    private void troubleOn(String service) {
        bus.publish(new MetricSample(service, "trouble", 1, clock.instant(), Map.of()));
        bus.drain();
    }

    private void outageOfTheDatabase(ControlLoop loop) {
        traffic("orders", "db");
        traffic("web", "orders");
        traffic("billing", "ledger");
        troubleOn("db");
        clock.advance(Duration.ofSeconds(2));
        troubleOn("orders");
        clock.advance(Duration.ofSeconds(1));
        troubleOn("web");
        loop.tick();
        clock.advance(Duration.ofSeconds(10));
        loop.tick();
    }

    @Test
    void withoutAConfiguredGraphTheLearnedOneCountsTheServicesAndHighImpactEscalates() {
        ControlLoop loop = loop().build();

        outageOfTheDatabase(loop);

        String id = loop.incidents().active().getFirst().id();
        assertThat(loop.diagnosis().latest(id).orElseThrow().rootService()).as("learned edges find the root")
                .isEqualTo("db");
        assertThat(log.recent(100)).as("db, orders and web are 3 of the 5 services the guards showed")
                .anySatisfy(r -> {
                    assertThat(r.action()).isEqualTo("recovery.escalation.high_impact");
                    assertThat(r.reason()).contains("60 % of services affected");
                });
    }

    @Test
    void servicesSeenOnTheBusWithoutACallerCountAmongAllServices() {
        ControlLoop loop = loop().build();
        for (String quiet : List.of("search", "mail", "auth")) {
            bus.publish(new MetricSample(quiet, "process.cpu.load", 0.2, clock.instant(), Map.of()));
        }
        bus.drain();

        outageOfTheDatabase(loop);

        assertThat(log.recent(100)).as("3 of 8 services seen is not more than half")
                .noneSatisfy(r -> assertThat(r.action()).isEqualTo("recovery.escalation.high_impact"));
    }

    @Test
    void aConfiguredGraphWinsOverTheLearnedOne() {
        ControlLoop loop = loop().graph(() -> DependencyGraph.of(Map.of("orders", Set.of("db"), "web", Set.of("orders"),
                "billing", Set.of("ledger"), "search", Set.of("index"), "mail", Set.of("smtp")))).build();

        outageOfTheDatabase(loop);

        assertThat(log.recent(100)).as("3 of 8 configured services is not more than half")
                .noneSatisfy(r -> assertThat(r.action()).isEqualTo("recovery.escalation.high_impact"));
    }
}
