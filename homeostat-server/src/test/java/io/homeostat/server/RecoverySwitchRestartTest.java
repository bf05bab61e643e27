package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.Restartable;
import io.homeostat.core.time.ManualClock;
import io.homeostat.server.auth.Role;
import io.homeostat.server.runtime.LoopOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery's switches outlive a restart of the server over the same data directory: an operator
 * turns recovery of a service off, the server stops and starts again, the switch is still off,
 * and a run for that service is held instead of acting, until the operator turns it back on.
 */
class RecoverySwitchRestartTest {

    @TempDir
    Path data;

    private final AtomicInteger instances = new AtomicInteger(2);
    private final List<String> restarts = new CopyOnWriteArrayList<>();

    private HomeostatServer start(ManualClock clock) {
        Restartable orders = (drain, reason) -> {
            restarts.add(reason);
            return "drained, restarted";
        };
        LoopOptions options = LoopOptions.defaults()
                .withCapacity("orders", ControlledCapacity.of(1, 4, instances::get, instances::set))
                .withRestartable("orders", orders);
        ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
        return HomeostatServer.start(config, HomeostatServer.embeddedStore(config), clock.scheduler(), options);
    }

    @Test
    void aServiceTurnedOffStaysOffAfterARestartAndTheLoopLeavesItAlone() {
        ManualClock clock = ManualClock.at(RunningServer.START);
        try (HomeostatServer first = start(clock);
                Client ops = new Client(first, first.tokens().issue("ops", Role.OPERATOR).secret())) {
            RunningServer.Answer off = ops.post("/api/v1/flags/recovery.service:orders",
                    "{\"enabled\":false,\"reason\":\"manual failover in progress\"}");
            assertThat(off.status()).as(off.text()).isEqualTo(200);
            assertThat(off.json().path("recovery").path("disabledServices").toString()).isEqualTo("[\"orders\"]");
            assertThat(ops.post("/api/v1/flags/recovery.risk:HIGH", "{\"enabled\":false,\"reason\":\"freeze\"}").status())
                    .isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(5));
        try (HomeostatServer second = start(clock);
                Client ops = new Client(second, second.tokens().issue("ops-2", Role.OPERATOR).secret())) {
            assertThat(second.loop().recovery().flags().disabledServices()).containsExactly("orders");
            JsonNode recovery = ops.get("/api/v1/flags").json().path("recovery");
            assertThat(recovery.path("disabledServices").toString()).isEqualTo("[\"orders\"]");
            assertThat(recovery.path("disabledRisks").toString()).isEqualTo("[\"HIGH\"]");
            JsonNode orders = recovery.path("switches").findParents("flag").stream()
                    .filter(s -> s.path("flag").asText().equals("recovery.service:orders")).findFirst().orElseThrow();
            assertThat(orders.path("actor").asText()).isEqualTo("token:ops");
            assertThat(orders.path("reason").asText()).isEqualTo("manual failover in progress");
            assertThat(orders.path("value").asBoolean()).isFalse();

            // The loop does not act on orders: the run's first step is held and escalated.
            String held = ops.startMemoryLeakRun();
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                clock.advance(Duration.ofSeconds(1));
                JsonNode records = ops.get("/api/v1/audit?action=recovery.gate.held").json().path("records");
                assertThat(records.findValuesAsText("reason")).contains("recovery of orders is turned off");
            });
            assertThat(second.loop().recovery().run(held)).isPresent();
            assertThat(restarts).isEmpty();
            assertThat(instances.get()).isEqualTo(2);

            // Turned back on (audited with the actor), the same workflow acts on orders.
            assertThat(ops.post("/api/v1/flags/recovery.service:orders", "{\"enabled\":true,\"reason\":\"failover done\"}")
                    .json().path("recovery").path("disabledServices")).isEmpty();
            ops.startMemoryLeakRun();
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                clock.advance(Duration.ofSeconds(5));
                return !restarts.isEmpty();
            });
            JsonNode audit = ops.get("/api/v1/audit?action=api.flag.set").json().path("records");
            assertThat(audit.findValuesAsText("actor")).containsExactlyInAnyOrder("token:ops", "token:ops", "token:ops-2");
            assertThat(audit.findValuesAsText("target")).containsExactlyInAnyOrder("flag:recovery.service:orders",
                    "flag:recovery.risk:HIGH", "flag:recovery.service:orders");
        }
    }

    @Test
    void aSwitchWithABadNameOrValueIsRefusedNamingTheField() {
        ManualClock clock = ManualClock.at(RunningServer.START);
        try (HomeostatServer server = start(clock);
                Client ops = new Client(server, server.tokens().issue("ops", Role.OPERATOR).secret())) {
            RunningServer.Answer risk = ops.post("/api/v1/flags/recovery.risk:EXTREME", "{\"enabled\":false,\"reason\":\"x\"}");
            assertThat(risk.status()).isEqualTo(400);
            assertThat(risk.json().path("field").asText()).isEqualTo("name");
            assertThat(risk.text()).contains("EXTREME", "HIGH");
            RunningServer.Answer blank = ops.post("/api/v1/flags/recovery.service:", "{\"enabled\":false,\"reason\":\"x\"}");
            assertThat(blank.status()).isEqualTo(400);
            assertThat(blank.json().path("field").asText()).isEqualTo("name");
            RunningServer.Answer noValue = ops.post("/api/v1/flags/recovery.action:failover", "{\"reason\":\"x\"}");
            assertThat(noValue.status()).isEqualTo(400);
            assertThat(noValue.json().path("field").asText()).isEqualTo("enabled");
            RunningServer.Answer misspelt = ops.post("/api/v1/flags/recovery.action:failovr",
                    "{\"enabled\":false,\"reason\":\"x\"}");
            assertThat(misspelt.status()).as("an action no step can run would block nothing").isEqualTo(400);
            assertThat(misspelt.json().path("field").asText()).isEqualTo("name");
            assertThat(misspelt.text()).contains("failovr", "failover");
            assertThat(server.loop().recoverySwitches().stored()).isEmpty();
            assertThat(server.loop().recovery().flags().disabledActions()).isEmpty();
        }
    }

    /** An HTTP client for a server started here, answering as {@link RunningServer} does. */
    private static final class Client implements AutoCloseable {

        private final HomeostatServer server;
        private final String token;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ObjectMapper mapper = new ObjectMapper();

        Client(HomeostatServer server, String token) {
            this.server = server;
            this.token = token;
        }

        RunningServer.Answer get(String path) {
            return send(request(path).GET().build());
        }

        RunningServer.Answer post(String path, String body) {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        @Override
        public void close() {
            http.close();
        }

        String startMemoryLeakRun() {
            RunningServer.Answer started = post("/api/v1/workflows/memory-leak/runs",
                    "{\"service\":\"orders\",\"reason\":\"heap climbing since the deploy\"}");
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            return started.json().path("runId").asText();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
        }

        private RunningServer.Answer send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new RunningServer.Answer(response.statusCode(), response.body(), mapper.readTree(response.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
