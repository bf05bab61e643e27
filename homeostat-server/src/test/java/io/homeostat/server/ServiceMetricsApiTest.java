package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.server.runtime.LoopOptions;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service's metric series for the drill-down charts, from samples published to the bus and kept by the store. */
class ServiceMetricsApiTest {

    // every raw sample stored, so each one shows in the series (by default one per series per second is)
    @RegisterExtension
    final RunningServer running = RunningServer.perTest(LoopOptions.defaults().withRawSampleInterval(Duration.ZERO));

    private void sample(String metric, double value, int secondsBefore) {
        running.server.loop().bus().publish(new MetricSample("payments", metric, value,
                RunningServer.START.minusSeconds(secondsBefore), Map.of()));
    }

    @Test
    void namesASeriesAndReadsItPerMinuteOrRaw() {
        sample("latency.p95", 100, 125); // 11:57:55
        sample("latency.p95", 300, 110); // 11:58:10
        sample("latency.p95", 200, 100); // 11:58:20
        sample("error.rate", 0.1, 30);
        sample("latency.p95", 999, 3_600); // an hour ago: outside the default window
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return running.get("/api/v1/services/payments/metrics", running.viewer).json().path("metrics").size() == 2;
        });

        JsonNode names = running.get("/api/v1/services/payments/metrics?minutes=5", running.viewer).json();
        assertThat(names.path("metrics").get(0).asText()).isEqualTo("error.rate");
        assertThat(names.path("metrics").get(1).asText()).isEqualTo("latency.p95");

        JsonNode minutes = running.get("/api/v1/services/payments/metrics?metric=latency.p95", running.viewer).json();
        assertThat(minutes.path("resolution").asText()).isEqualTo("minute");
        JsonNode points = minutes.path("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).path("bucketStart").asText()).isEqualTo("2026-06-01T11:57:00Z");
        assertThat(points.get(0).path("count").asLong()).isEqualTo(1);
        assertThat(points.get(1).path("bucketStart").asText()).isEqualTo("2026-06-01T11:58:00Z");
        assertThat(points.get(1).path("count").asLong()).isEqualTo(2);
        assertThat(points.get(1).path("mean").asDouble()).isEqualTo(250.0);
        assertThat(points.get(1).path("min").asDouble()).isEqualTo(200.0);
        assertThat(points.get(1).path("max").asDouble()).isEqualTo(300.0);

        JsonNode raw = running.get("/api/v1/services/payments/metrics?metric=latency.p95&minutes=120&resolution=raw",
                running.viewer).json().path("points");
        assertThat(raw.findValuesAsText("value")).containsExactly("999.0", "100.0", "300.0", "200.0");
        assertThat(raw.get(0).path("time").asText()).isEqualTo("2026-06-01T11:00:00Z");

        assertThat(running.get("/api/v1/services/payments/metrics?metric=nothing", running.viewer).json().path("points"))
                .isEmpty();
        assertThat(running.get("/api/v1/services/payments/metrics?minutes=0", running.viewer).json().path("field").asText())
                .isEqualTo("minutes");
        assertThat(running.get("/api/v1/services/payments/metrics?metric=x&resolution=hour", running.viewer).json()
                .path("field").asText()).isEqualTo("resolution");
        assertThat(running.get("/api/v1/services/payments/metrics", null).status()).isEqualTo(401);
    }
}
