package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.store.jdbc.CountedKey;
import io.homeostat.store.jdbc.FailureStatistics;
import io.homeostat.store.jdbc.MetricSeries;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * By default the store keeps one raw metric sample per series per second of the samples' own time,
 * and every failure event.
 */
class RawSampleStorageTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private int samples(String service) {
        return new MetricSeries(running.server.loop().store()).samples(service, "latency",
                RunningServer.START.minusSeconds(600), RunningServer.START.plusSeconds(60), MetricSeries.MAX_SAMPLES).size();
    }

    private long failures() {
        return new FailureStatistics(running.server.loop().store()).mostCommonTypes(RunningServer.START.minusSeconds(60),
                RunningServer.START.plusSeconds(60), 10).stream().mapToLong(CountedKey::count).sum();
    }

    private void publishBurst() {
        for (int i = 0; i < 100; i++) {
            running.server.loop().bus().publish(new MetricSample("payments", "latency", i, running.clock.instant(), Map.of()));
            running.server.loop().bus().publish(new MetricSample("orders", "latency", i, running.clock.instant(), Map.of()));
            running.server.loop().bus().publish(new FailureEvent("payments", ErrorCategory.TIMEOUT, "http.504", "slow " + i,
                    RunningServer.START, Map.of()));
        }
    }

    @Test
    void aBurstStoresOneSamplePerSeriesPerSecondAndEveryFailure() {
        publishBurst();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return failures() == 100;
        });

        assertThat(samples("payments")).isEqualTo(1);
        assertThat(samples("orders")).isEqualTo(1);
        assertThat(running.server.loop().rawSamples().skipped()).isEqualTo(198);

        running.clock.advance(Duration.ofSeconds(1));
        publishBurst();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return failures() == 200;
        });
        assertThat(samples("payments")).isEqualTo(2);
        assertThat(samples("orders")).isEqualTo(2);
    }

    /** Ten samples of agent/latency taken 10 s apart, from 11:58:20, as one ingest batch; ids {@code prefix-i}. */
    private static String tenSamplesTenSecondsApart(String prefix) {
        StringBuilder body = new StringBuilder("{\"signals\":[");
        for (int i = 0; i < 10; i++) {
            body.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"id\":\"%s-%d\",\"kind\":\"metric_sample\",\"service\":\"agent\",\"metric\":\"latency\","
                            + "\"value\":%d,\"time\":\"%s\"}",
                    prefix, i, i, RunningServer.START.minusSeconds(100 - i * 10L)));
        }
        return body.append("]}").toString();
    }

    @Test
    void samplesThatArriveTogetherAreStoredOnePerSecondOfTheirOwnTime() {
        // An agent's batch (or its replay after an outage): ten samples taken 10 s apart, posted at once.
        RunningServer.Answer posted = running.post("/api/v1/signals", running.operator,
                tenSamplesTenSecondsApart(UUID.randomUUID().toString()));
        assertThat(posted.status()).as(posted.text()).isEqualTo(202);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return samples("agent") == 10;
        });
        JsonNode raw = running.get("/api/v1/services/agent/metrics?metric=latency&minutes=5&resolution=raw",
                running.viewer).json().path("points");
        assertThat(raw.findValuesAsText("value"))
                .containsExactly("0.0", "1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "9.0");
        assertThat(raw.get(0).path("time").asText()).isEqualTo("2026-06-01T11:58:20Z");

        // Another sample of a second already stored is not stored; it is counted in /metrics.
        long skippedBefore = running.server.loop().rawSamples().skipped();
        assertThat(running.post("/api/v1/signals", running.operator, String.format(Locale.ROOT,
                "{\"signals\":[{\"id\":\"%s\",\"kind\":\"metric_sample\",\"service\":\"agent\","
                        + "\"metric\":\"latency\",\"value\":99,\"time\":\"2026-06-01T11:59:50.500Z\"}]}",
                UUID.randomUUID())).status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(running.server.loop().rawSamples().skipped() - skippedBefore).isEqualTo(1));
        running.server.loop().store().flush();
        assertThat(samples("agent")).isEqualTo(10);
        assertThat(running.get("/metrics", running.viewer).text())
                .contains("homeostat_store_raw_samples_total{fate=\"kept\"} " + running.server.loop().rawSamples().kept() + "\n")
                .contains("homeostat_store_raw_samples_total{fate=\"skipped\"} " + (skippedBefore + 1) + "\n");
    }
}
