package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.signal.MetricSample;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Homeostat's own overhead: the JVM's figures and the loop's ticks and signal rate. */
class OverheadApiTest {

    /** What the self-monitor publishes every second: its heartbeat and five figures. */
    private static final double SELF_SAMPLES = 6;

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    @Test
    void showsTheProcessCostAndTheSignalRateBetweenTicks() {
        running.clock.advance(Duration.ofSeconds(1)); // first tick: no rate yet
        for (int i = 0; i < 40; i++) {
            running.server.loop().bus().publish(new MetricSample("payments", "latency", i, RunningServer.START, Map.of()));
        }
        running.clock.advance(Duration.ofSeconds(1)); // second tick: 40 signals in the second since the first

        JsonNode overhead = running.get("/api/v1/overhead", running.viewer).json();
        assertThat(overhead.path("ticks").asLong()).isEqualTo(2);
        assertThat(overhead.path("signalsPerSecond").asDouble()).isEqualTo(40.0 + SELF_SAMPLES);
        running.clock.advance(Duration.ofSeconds(1));
        assertThat(running.get("/api/v1/overhead", running.viewer).json().path("signalsPerSecond").asDouble())
                .as("only the self-monitor's since").isEqualTo(SELF_SAMPLES);
        assertThat(overhead.path("heapUsed").asLong()).isPositive();
        assertThat(overhead.path("processors").asInt()).isPositive();
        assertThat(overhead.path("threads").asInt()).isPositive();
        assertThat(overhead.path("busCapacity").asInt()).isPositive();
        assertThat(overhead.path("processCpuLoad").asDouble()).isBetween(-1.0, 1.0);
        assertThat(overhead.path("maxTickNanos").asLong()).isGreaterThanOrEqualTo(overhead.path("lastTickNanos").asLong());
        assertThat(running.get("/api/v1/overhead", null).status()).isEqualTo(401);
    }
}
