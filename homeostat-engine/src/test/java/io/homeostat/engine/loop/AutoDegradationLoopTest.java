package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.degrade.Degradation;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.LogEscalation;
import io.homeostat.engine.execute.HealthScoreboard;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.plan.DegradationPolicy;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Health reports on the bus set the degradation level through the loop, audited like any action. */
class AutoDegradationLoopTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final Degradation degradation = Degradation.create(clock);

    private final KernelControl control = KernelControl.builder().degradation(degradation).build();
    private final ControlLoop loop = ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore())
            .runs(new InMemoryWorkflowStore()).audit(log).effectiveness(new InMemoryEffectivenessStore())
            .escalation(LogEscalation.to(line -> { }))
            .actions(StandardActions.catalog(control, List.of(), notice -> { }, List.of(), List.of(), clock, List.of()))
            .metrics((service, metric) -> OptionalDouble.empty())
            .degradation(DegradationPolicy.ofDefaults(), control)
            .build();

    private void report(String service, String check, HealthStatus status) {
        bus.publish(new HealthReport(service, check, status, Duration.ofMillis(3), Map.of(), clock.instant(), Map.of()));
        bus.drain();
    }

    @Test
    void unhealthyIntegrationsDegradeTheServiceAndRecoveryLiftsItAfterTheHold() {
        report("shop", "db", HealthStatus.HEALTHY);
        report("shop", "payments", HealthStatus.HEALTHY);
        report("shop", "search", HealthStatus.HEALTHY);
        report("shop", "mail", HealthStatus.HEALTHY);
        loop.tick();
        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);

        report("shop", "payments", HealthStatus.UNHEALTHY);
        loop.tick();
        assertThat(degradation.level()).as("3 of 4 healthy scores 0.75").isEqualTo(DegradationLevel.REDUCED);

        report("shop", "search", HealthStatus.UNHEALTHY);
        loop.tick();
        assertThat(degradation.level()).as("2 of 4 scores 0.5").isEqualTo(DegradationLevel.ESSENTIAL);

        report("shop", "payments", HealthStatus.HEALTHY);
        report("shop", "search", HealthStatus.HEALTHY);
        for (int i = 0; i < 13; i++) {
            clock.advance(Duration.ofSeconds(10));
            loop.tick();
        }
        assertThat(degradation.level()).as("one level per 2 min hold, counted from the first good tick").isEqualTo(DegradationLevel.REDUCED);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(10));
            loop.tick();
        }
        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);
        assertThat(log.recent(50)).as("newest first").extracting(r -> r.action()).containsExactly(
                "recovery.degradation.stepped-up", "recovery.degradation.stepped-up",
                "recovery.degradation.stepped-down", "recovery.degradation.stepped-down");
        assertThat(loop.degradation()).isPresent();
    }

    @Test
    void theScoreboardCountsDegradedChecksHalfAndResourcesAboveNinetyPercentAsUnhealthy() {
        HealthScoreboard board = HealthScoreboard.of("shop");
        assertThat(board.score()).isEqualTo(1.0);

        board.observe(new HealthReport("shop", "db", HealthStatus.DEGRADED, Duration.ZERO, Map.of(), clock.instant(), Map.of()));
        board.observe(new MetricSample("shop", HealthScoreboard.CPU, 0.95, clock.instant(), Map.of()));
        board.observe(new MetricSample("shop", HealthScoreboard.MEMORY, 0.5, clock.instant(), Map.of()));
        board.observe(new HealthReport("other", "db", HealthStatus.UNHEALTHY, Duration.ZERO, Map.of(), clock.instant(), Map.of()));

        assertThat(board.score()).as("(0.5 + 0 + 1) / 3, the other service not counted").isEqualTo(0.5);
    }
}
