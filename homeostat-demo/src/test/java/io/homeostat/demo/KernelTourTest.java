package io.homeostat.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tour on a manual clock: real HTTP on loopback, simulated time, so it runs in about a second. */
class KernelTourTest {

    @Test
    void theBreakerOpensFallbacksServeAndTheCircuitClosesAgainWithNoUnguidedError() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TourReport report = new KernelTour(ManualClock.create(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run(16);

        assertThat(report.unguidedErrors()).isZero();
        assertThat(report.calls()).isEqualTo(16 * 50);
        assertThat(report.servedBy()).containsKeys("primary", "llm:deepseek", "cache", "manual-review");
        assertThat(report.transitions()).first().asString().startsWith("CLOSED->OPEN");
        assertThat(report.transitions()).anySatisfy(t -> assertThat(t).startsWith("HALF_OPEN->CLOSED"));
        assertThat(report.finalState()).isEqualTo(CircuitState.CLOSED);
        assertThat(report.guidance()).contains("pharmacist");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Breaker transitions");
    }
}
