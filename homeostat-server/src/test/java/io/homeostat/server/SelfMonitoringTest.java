package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Homeostat watching itself: /metrics, and /health's readiness following the bus. */
class SelfMonitoringTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private MetricSample sample(int i) {
        return new MetricSample("svc", "m", i, RunningServer.START, Map.of());
    }

    @Test
    void metricsExposeTheBusIngestStoreAndGuardsInPrometheusText() throws Exception {
        running.post("/api/v1/signals", running.operator, "{\"signals\":[{\"id\":\"a-1\",\"kind\":\"metric_sample\","
                + "\"service\":\"db\",\"metric\":\"m\",\"value\":1.0,\"time\":\"2026-06-01T11:59:00Z\"}]}");
        Guard guard = running.server.loop().guards().replace("llm:openai",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        guard.call(() -> "ok");
        try {
            guard.call(() -> {
                throw new java.net.SocketTimeoutException("slow");
            });
        } catch (Exception expected) {
            // recorded as a failure
        }
        RunningServer.Answer answer = running.get("/metrics", running.viewer);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text())
                .contains("# TYPE homeostat_bus_pending_signals gauge\n")
                .contains("homeostat_ingest_signals_total{outcome=\"accepted\"} 1\n")
                .contains("# TYPE homeostat_store_spool_bytes gauge\n")
                .contains("homeostat_loop_latency_seconds ")
                .contains("homeostat_store_loop_state_pending_writes 0\n")
                .contains("homeostat_self_check_status{check=\"store.loop_state\"} 0\n")
                .contains("homeostat_store_loop_state_writes_total{fate=\"spooled\"} 0\n")
                .contains("homeostat_self_check_status{check=\"bus.queue\"} 0\n")
                .contains("homeostat_live_clients 0\n", "homeostat_live_events_dropped_total 0\n",
                        "homeostat_live_clients_cut_off_total 0\n", "homeostat_live_backlog_bytes 0\n")
                .contains("homeostat_guard_attempts_total{guard=\"llm:openai\",result=\"success\"} 1\n")
                .contains("homeostat_guard_failures_total{guard=\"llm:openai\",category=\"timeout\"} 1\n")
                .contains("homeostat_guard_circuit_state{guard=\"llm:openai\",state=\"closed\"} 1\n");
        assertThat(running.get("/metrics", null).status()).isEqualTo(401);
    }

    @Test
    void aStuckLoopAndASaturatedQueueMakeTheServerNotReadyUntilTheyClear() throws Exception {
        InProcessSignalBus bus = running.server.loop().bus();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        try (AutoCloseable blocker = bus.subscribe(batch -> {
            stuck.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            bus.publish(sample(0));
            stuck.await();
            running.clock.advance(Duration.ofSeconds(1)); // a heartbeat goes out and waits behind the stuck delivery
            running.clock.advance(Duration.ofSeconds(3));
            RunningServer.Answer slow = running.get("/health", null);
            assertThat(slow.status()).as(slow.text()).isEqualTo(200);
            assertThat(slow.json().path("status").asText()).isEqualTo("degraded");
            assertThat(slow.json().path("checks").path("loop.latency").asText()).startsWith("degraded: signals take");

            running.clock.advance(Duration.ofSeconds(10));
            for (int i = 1; bus.pending() < bus.capacity() * 0.95; i++) {
                bus.publish(sample(i));
            }
            RunningServer.Answer down = running.get("/health", null);
            assertThat(down.status()).as(down.text()).isEqualTo(503);
            assertThat(down.json().path("ready").asBoolean()).isFalse();
            assertThat(down.json().path("checks").path("loop.latency").asText()).startsWith("down: signals take");
            assertThat(down.json().path("checks").path("bus.queue").asText()).startsWith("down: bus queue 9");
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.pending() == 0);
        running.clock.advance(Duration.ofSeconds(1)); // the next heartbeat goes through at once
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            RunningServer.Answer up = running.get("/health", null);
            assertThat(up.status()).as(up.text()).isEqualTo(200);
            assertThat(up.json().path("checks").path("loop.latency").asText()).isEqualTo("up");
            assertThat(up.json().path("checks").path("bus.queue").asText()).isEqualTo("up");
        });
    }

    @Test
    void droppedSignalsDegradeHealthForAMinute() throws Exception {
        InProcessSignalBus bus = running.server.loop().bus();
        CountDownLatch release = new CountDownLatch(1);
        try (AutoCloseable blocker = bus.subscribe(batch -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            for (int i = 0; bus.dropped() == 0; i++) {
                bus.publish(sample(i));
            }
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> bus.pending() == 0);
        running.clock.advance(Duration.ofSeconds(1));
        RunningServer.Answer answer = running.get("/health", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("checks").path("signals.dropped").asText())
                .startsWith("degraded: signals were dropped in the last minute");
        running.clock.advance(Duration.ofSeconds(61));
        assertThat(running.get("/health", null).json().path("checks").path("signals.dropped").asText()).isEqualTo("up");
    }
}
