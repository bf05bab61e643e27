package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.time.ManualClock;
import io.homeostat.server.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people told alerting outlives a clean restart of the server over the same data directory:
 * a maintenance silence still mutes, with its matchers, end, author and comment, until its end.
 * Each start is a new process on a clock of its own.
 */
class AlertStateRestartTest {

    @TempDir
    Path data;

    private final AtomicInteger starts = new AtomicInteger();

    /** A server started here, with an operator token of its own, and an HTTP client for it. */
    private final class Started implements AutoCloseable {

        final ManualClock clock;
        final HomeostatServer server;
        private final String token;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ObjectMapper mapper = new ObjectMapper();

        Started(Instant at) {
            clock = ManualClock.at(at);
            ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
            server = HomeostatServer.start(config, HomeostatServer.embeddedStore(config), clock.scheduler());
            token = server.tokens().issue("ops-" + starts.incrementAndGet(), Role.OPERATOR).secret();
        }

        RunningServer.Answer get(String path) {
            return send(request(path).GET().build());
        }

        RunningServer.Answer post(String path, String body) {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        RunningServer.Answer delete(String path) {
            return send(request(path).DELETE().build());
        }

        /** Ingests an error rate of 40 % for {@code service} now and waits for its alert. */
        JsonNode failing(String service) {
            String body = "{\"signals\":[{\"id\":\"e-" + clock.instant().toEpochMilli() + "\",\"kind\":\"metric_sample\","
                    + "\"service\":\"" + service + "\",\"metric\":\"error.rate\",\"value\":0.4,\"time\":\""
                    + clock.instant() + "\"}]}";
            assertThat(post("/api/v1/signals", body).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alert(service) != null);
            return alert(service);
        }

        /** The alert of {@code service} in /api/v1/alerts, or null. */
        JsonNode alert(String service) {
            for (JsonNode alert : get("/api/v1/alerts").json().path("alerts")) {
                if (alert.path("labels").path("service").asText().equals(service)) {
                    return alert;
                }
            }
            return null;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
        }

        private RunningServer.Answer send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                JsonNode json = response.body().isEmpty() ? mapper.missingNode() : mapper.readTree(response.body());
                return new RunningServer.Answer(response.statusCode(), response.body(), json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.close();
            http.close();
        }
    }

    @Test
    void aMaintenanceSilenceOutlivesARestartAndStillMutesUntilItsEnd() {
        JsonNode made;
        try (Started first = new Started(RunningServer.START)) {
            RunningServer.Answer created = first.post("/api/v1/alerts/silences",
                    "{\"matchers\":{\"service\":\"payments\"},\"minutes\":120,\"comment\":\"db maintenance\"}");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            made = created.json();
        }

        try (Started second = new Started(RunningServer.START.plus(Duration.ofMinutes(5)))) {
            JsonNode silences = second.get("/api/v1/alerts/silences").json().path("silences");
            assertThat(silences).hasSize(1);
            JsonNode kept = silences.get(0);
            assertThat(kept.path("id").asText()).isEqualTo(made.path("id").asText());
            assertThat(kept.path("matchers")).isEqualTo(made.path("matchers"));
            assertThat(Instant.parse(kept.path("endsAt").asText())).isEqualTo(RunningServer.START.plus(Duration.ofHours(2)));
            assertThat(kept.path("author").asText()).isEqualTo("token:ops-1");
            assertThat(kept.path("comment").asText()).isEqualTo("db maintenance");

            // A detection during the maintenance does not page: its alert is silenced by the kept silence.
            JsonNode alert = second.failing("payments");
            assertThat(alert.path("state").asText()).isEqualTo("SILENCED");
            assertThat(alert.path("mutedBy").asText()).isEqualTo(made.path("id").asText());

            assertThat(second.delete("/api/v1/alerts/silences/" + made.path("id").asText()).status()).isEqualTo(204);
        }

        try (Started third = new Started(RunningServer.START.plus(Duration.ofMinutes(10)))) {
            assertThat(third.get("/api/v1/alerts/silences").json().path("silences")).as("ended before the restart").isEmpty();
        }
    }
}
