package io.homeostat.demo.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.demo.upstream.FaultState;
import io.homeostat.demo.upstream.SimulatedDatabase;
import io.homeostat.demo.upstream.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule played on a manual clock: each fault is set at its start and taken away at its end. */
class ChaosRunnerTest {

    @Test
    void injectsAndClearsEachFaultOnItsTargetAtItsTimes() {
        ManualClock clock = ManualClock.create();
        SimulatedDatabase db = new SimulatedDatabase("db:primary");
        List<String> told = new ArrayList<>();
        try (Upstream care = Upstream.start("care_locator", clock, 1);
                ChaosRunner runner = new ChaosRunner(Map.of("care_locator", care), Map.of("db:primary", db),
                        (fault, on) -> told.add((on ? "+" : "-") + fault.kind().label()))) {
            runner.start(List.of(
                    FaultSpec.of("slow", FaultKind.LATENCY_SPIKE, "care_locator", Duration.ofSeconds(2), Duration.ofSeconds(3)),
                    FaultSpec.of("db", FaultKind.CONNECTION_LOSS, "db:primary", Duration.ofSeconds(4), Duration.ofSeconds(2))),
                    clock.scheduler());

            clock.advance(Duration.ofSeconds(2));
            assertThat(care.faults().latency()).isEqualTo(FaultSpec.DEFAULT_LATENCY);
            clock.advance(Duration.ofSeconds(2));
            assertThat(db.isDown()).isTrue();
            assertThat(db.poolBroken()).isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(care.faults()).isEqualTo(FaultState.NONE);
            clock.advance(Duration.ofSeconds(1));
            assertThat(db.isDown()).isFalse();
            assertThat(db.poolBroken()).as("until the healer resets the pool").isTrue();
            assertThat(told).containsExactly("+latency_spike", "+connection_loss", "-latency_spike", "-connection_loss");
        }
    }
}
