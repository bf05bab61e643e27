package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.agent.HttpSignalPublisher;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.server.auth.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent in core (HttpSignalPublisher) reporting to a real server on loopback. */
class AgentToServerTest {

    @TempDir
    Path data;

    @TempDir
    Path spool;

    @Test
    void everyKindOfSignalArrivesAsItWasPublished() throws Exception {
        try (RunningServer running = new RunningServer(data)) {
            List<Signal> seen = new CopyOnWriteArrayList<>();
            running.server.loop().bus().subscribe(seen::addAll);
            List<Signal> sent = List.of(
                    new OperationOutcome("llm:openai", OperationOutcome.Status.FAILURE, ErrorCategory.TIMEOUT, 1_500_000,
                            "cache", RunningServer.START, Map.of("region", "eu \"west\"\n")),
                    new MetricSample("db:primary", "pool.active", 7.25, RunningServer.START, Map.of()),
                    new HealthReport("db:primary", "ping", HealthStatus.DEGRADED, Duration.ofMillis(12),
                            Map.of("detail", "slow\\ish"), RunningServer.START, Map.of()),
                    new CircuitTransition("llm:openai", CircuitState.CLOSED, CircuitState.OPEN, "failure rate 60 %",
                            new WindowSnapshot(10, 6, 1, 3), RunningServer.START, Map.of()),
                    new FailureEvent("db:primary", ErrorCategory.CONNECTION_REFUSED, "java.net.ConnectException",
                            "Connection refused\ttwice", RunningServer.START, Map.of()));
            InProcessSignalBus local = InProcessSignalBus.create();
            try (HttpSignalPublisher agent = HttpSignalPublisher.builder(
                    URI.create("http://127.0.0.1:" + running.server.port() + "/"), running.operator, spool)
                    .flushInterval(Duration.ofMillis(50)).build();
                    AutoCloseable subscription = local.subscribe(agent)) {
                sent.forEach(local::publish);
                await().atMost(Duration.ofSeconds(20)).until(() -> agent.stats().sentSignals() == sent.size());
                assertThat(agent.stats().rejectedSignals()).isZero();
            } finally {
                local.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().filter(s -> !s.service().equals("homeostat"))
                    .count() == sent.size());
            assertThat(seen.stream().filter(s -> !s.service().equals("homeostat")).toList()).isEqualTo(sent);
        }
    }

    @Test
    void aServerDownThenUpLosesNothingAndGetsEverySignalInOrder() throws Exception {
        String token;
        try (RunningServer first = new RunningServer(data)) {
            token = first.server.tokens().issue("agent", Role.OPERATOR).secret();
        }
        int port = freePort();
        ManualClock agentClock = ManualClock.at(RunningServer.START);
        List<Signal> published = new ArrayList<>();
        for (int i = 0; i < 1_050; i++) {
            published.add(new MetricSample("checkout", "latency.ms", i, RunningServer.START, Map.of()));
        }
        URI server = URI.create("http://127.0.0.1:" + port + "/");

        // The server is down: full batches go to the spool as they fill, the last 50 when the agent closes.
        HttpSignalPublisher before = HttpSignalPublisher.builder(server, token, spool).batchSize(100)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2))
                .scheduler(agentClock.scheduler()).build();
        for (int from = 0; from < 1_000; from += 100) {
            before.accept(published.subList(from, from + 100));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> before.stats().spoolEntries() == 10);
        before.accept(published.subList(1_000, 1_050));
        before.close();
        assertThat(before.stats().spoolEntries()).isEqualTo(11);
        assertThat(before.stats().sentSignals()).isZero();
        assertThat(before.stats().droppedSignals()).isZero();

        // The server comes back on that port; a new agent on the same spool replays it, oldest first.
        ManualClock serverClock = ManualClock.at(RunningServer.START);
        ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", port).withDataDirectory(data);
        try (HomeostatServer up = HomeostatServer.start(config, HomeostatServer.embeddedStore(config),
                serverClock.scheduler())) {
            List<Signal> seen = new CopyOnWriteArrayList<>();
            up.loop().bus().subscribe(batch -> batch.stream().filter(s -> s.service().equals("checkout"))
                    .forEach(seen::add));
            try (HttpSignalPublisher after = HttpSignalPublisher.builder(server, token, spool).batchSize(100)
                    .scheduler(agentClock.scheduler()).build()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> after.stats().spoolEntries() == 0);
                assertThat(after.stats().replayedBatches()).isEqualTo(11);
                assertThat(after.stats().sentSignals()).isEqualTo(1_050);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1_050);
            assertThat(seen).isEqualTo(published);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
