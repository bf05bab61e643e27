package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.server.auth.Role;
import io.homeostat.store.jdbc.JdbcStore;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people told alerting outlives a clean restart of the server over the same data directory:
 * a maintenance silence still mutes, with its matchers, end, author and comment, until its end; the
 * alerts of incidents still open are listed again, and one somebody acknowledged stays acknowledged
 * and is not notified again. Each start is a new process on a clock of its own.
 */
class AlertStateRestartTest {

    @TempDir
    Path data;

    private final AtomicInteger starts = new AtomicInteger();

    private ServerConfig config() {
        return ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
    }

    /** A server started here, with an operator token of its own, and an HTTP client for it. */
    private final class Started implements AutoCloseable {

        final ManualClock clock;
        final HomeostatServer server;
        private final String token;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ObjectMapper mapper = new ObjectMapper();

        Started(Instant at) {
            clock = ManualClock.at(at);
            ServerConfig config = config();
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
            String body = "{\"signals\":[{\"id\":\"" + service + "-" + clock.instant().toEpochMilli() + "\",\"kind\":\"metric_sample\","
                    + "\"service\":\"" + service + "\",\"metric\":\"error.rate\",\"value\":0.4,\"time\":\""
                    + clock.instant() + "\"}]}";
            assertThat(post("/api/v1/signals", body).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> alert(service) != null);
            return alert(service);
        }

        /** The kinds of the events of alert {@code fingerprint} in its history, oldest first. */
        List<AlertEvent.Kind> history(String fingerprint) {
            return server.loop().store().alerts().history(fingerprint).stream().map(AlertEvent::kind).toList();
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

    @Test
    void theAlertsOfOpenIncidentsAreBackAfterARestartAndAnAcknowledgedOneIsNotNotifiedAgain() {
        String taken;
        String untaken;
        String incident;
        try (Started first = new Started(RunningServer.START)) {
            JsonNode payments = first.failing("payments");
            taken = payments.path("fingerprint").asText();
            incident = payments.path("labels").path("incident").asText();
            untaken = first.failing("orders").path("fingerprint").asText();
            first.clock.advance(Duration.ofSeconds(30));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.history(taken).contains(AlertEvent.Kind.NOTIFIED));
            RunningServer.Answer ack = first.post("/api/v1/alerts/" + taken + "/ack", "{\"reason\":\"on it\"}");
            assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        }

        try (Started second = new Started(RunningServer.START.plus(Duration.ofMinutes(1)))) {
            int before = second.history(taken).size();
            JsonNode payments = second.alert("payments");
            assertThat(payments).as("the alert of an incident still open is listed").isNotNull();
            assertThat(payments.path("fingerprint").asText()).isEqualTo(taken);
            assertThat(payments.path("acknowledgedBy").asText()).isEqualTo("token:ops-1");
            assertThat(payments.path("startsAt").asText()).isEqualTo(RunningServer.START.toString());
            assertThat(second.get("/api/v1/incidents/" + incident).json().path("status").asText()).isNotEqualTo("RESOLVED");
            assertThat(second.alert("orders").path("acknowledgedBy").asText()).isEmpty();

            // The problem goes on: its detection comes back into the same alert, still taken, and pages nobody.
            assertThat(second.failing("payments").path("acknowledgedBy").asText()).isEqualTo("token:ops-1");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                second.clock.advance(Duration.ofSeconds(10));
                assertThat(second.history(untaken)).as("nobody took it: notified again").contains(AlertEvent.Kind.NOTIFIED);
            });
            second.clock.advance(Duration.ofSeconds(30));
            assertThat(second.history(taken).subList(before, second.history(taken).size()))
                    .doesNotContain(AlertEvent.Kind.NOTIFIED, AlertEvent.Kind.FIRED);
            assertThat(second.alert("payments").path("acknowledgedBy").asText()).isEqualTo("token:ops-1");
        }
    }

    @Test
    void anOpenIncidentWhoseAlertWasNeverStoredIsAlertedAgainAtStart() throws Exception {
        String incident;
        try (Started first = new Started(RunningServer.START)) {
            incident = first.failing("payments").path("labels").path("incident").asText();
            first.failing("orders");
        }
        // As if the database had been away while the payments alert was raised, and the server stopped
        // before it came back: the incident was spooled and replayed, its alert waited in memory and was lost.
        var store = HomeostatServer.embeddedStore(config());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM active_alert WHERE labels LIKE '%payments%'");
            s.executeUpdate("DELETE FROM alert_event WHERE incident_id = '" + incident + "'");
        }

        try (Started second = new Started(RunningServer.START.plus(Duration.ofMinutes(1)))) {
            JsonNode payments = second.alert("payments");
            assertThat(payments).as("raised again from the open incident").isNotNull();
            assertThat(payments.path("labels").path("incident").asText()).isEqualTo(incident);
            assertThat(payments.path("labels").path("category").asText()).isEqualTo("errors");
            assertThat(second.history(payments.path("fingerprint").asText())).contains(AlertEvent.Kind.FIRED);
            assertThat(second.get("/api/v1/alerts").json().path("alerts")).as("orders' alert was kept: not raised twice")
                    .hasSize(2);
        }
    }

    @Test
    void anAlertKeptForAnIncidentNoLongerOpenResolvesAtStart() {
        ActiveAlert stale = new ActiveAlert(Labels.of(Map.of(Labels.SERVICE, "payments", Labels.SEVERITY, "high",
                Labels.CATEGORY, "errors", Labels.INCIDENT, "inc-closed-meanwhile")), "errors on payments",
                RunningServer.START, "token:ops");
        try (JdbcStore store = JdbcStore.open(HomeostatServer.embeddedStore(config()), ManualClock.at(RunningServer.START)
                .scheduler())) {
            store.activeAlerts().save(stale);
        }

        try (Started started = new Started(RunningServer.START.plus(Duration.ofMinutes(1)))) {
            assertThat(started.get("/api/v1/alerts").json().path("alerts")).isEmpty();
            assertThat(started.server.loop().store().activeAlerts().all()).isEmpty();
            assertThat(started.history(stale.fingerprint())).containsExactly(AlertEvent.Kind.RESOLVED);
        }
    }
}
