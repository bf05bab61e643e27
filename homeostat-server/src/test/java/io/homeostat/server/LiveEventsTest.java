package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSE stream over loopback: events arrive as they happen, for viewers only. */
class LiveEventsTest {

    @TempDir
    Path data;

    @Test
    void streamsIncidentAlertAndCircuitEventsAsTheyHappen() throws Exception {
        try (RunningServer running = new RunningServer(data)) {
            assertThat(running.get("/api/v1/events", null).status()).isEqualTo(401);
            try (LiveLines live = new LiveLines(running.request("/api/v1/events", running.viewer)
                    .header("Accept", "text/event-stream").GET().build())) {
                streams(running, live);
            }
        }
    }

    @Test
    void aRequestThatDoesNotAcceptAnEventStreamGets406SayingWhatToSend() {
        try (RunningServer running = new RunningServer(data)) {
            for (String accept : new String[] {null, "application/json", "*/*"}) {
                java.net.http.HttpRequest.Builder request = running.request("/api/v1/events", running.viewer).GET();
                if (accept != null) {
                    request.header("Accept", accept);
                }
                RunningServer.Answer answer = running.send(request.build());
                assertThat(answer.status()).as("Accept: " + accept).isEqualTo(406);
                assertThat(answer.contentType()).startsWith("application/json");
                assertThat(answer.json().path("error").asText()).contains("Accept: text/event-stream");
                assertThat(answer.json().path("field").asText()).isEqualTo("Accept");
            }
            assertThat(running.server.events().clients()).isZero();
        }
    }

    @Test
    void headAnswersAsGetWouldWithoutHoldingTheStreamOpen() {
        try (RunningServer running = new RunningServer(data)) {
            java.net.http.HttpRequest.Builder head = running.request("/api/v1/events", null)
                    .header("Accept", "text/event-stream").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody());
            assertThat(running.send(head.build()).status()).isEqualTo(401);
            java.net.http.HttpRequest.Builder viewer = running.request("/api/v1/events", running.viewer)
                    .header("Accept", "text/event-stream").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody());
            RunningServer.Answer answer = running.send(viewer.build());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEmpty();
            assertThat(running.server.events().clients()).as("HEAD joins no stream").isZero();
        }
    }

    @Test
    void streamsDegradationAndFlagChangesWhoeverMadeThem() throws Exception {
        try (RunningServer running = new RunningServer(data);
                LiveLines live = new LiveLines(running.request("/api/v1/events", running.viewer)
                        .header("Accept", "text/event-stream").GET().build())) {
            List<String> lines = live.lines();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.events().clients() == 1);
            running.server.loop().toggles().register("recommendations", DegradationLevel.FULL);

            // Through the API: a forced feature and a recovery switch, each with its actor.
            running.post("/api/v1/flags/recommendations", running.operator, "{\"enabled\":false,\"reason\":\"slow\"}");
            running.post("/api/v1/flags/recovery.service:orders", running.operator,
                    "{\"enabled\":false,\"reason\":\"failover\"}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dataOf(lines, "flag"))
                    .anySatisfy(data -> assertThat(data).contains("\"feature\":\"recommendations\"", "\"enabled\":false",
                            "forced off"))
                    .anySatisfy(data -> assertThat(data).contains("\"kind\":\"SERVICE\"", "\"target\":\"orders\"",
                            "\"actor\":\"token:ops\"")));

            // By the loop (as an action or the automatic degradation does it, not through the API).
            running.post("/api/v1/flags/recommendations", running.operator, "{\"enabled\":null,\"reason\":\"fixed\"}");
            running.server.loop().control().setDegradation(DegradationLevel.REDUCED, "recovery db slow");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(dataOf(lines, "degradation")).singleElement().satisfies(data -> assertThat(data)
                        .contains("\"from\":\"FULL\"", "\"to\":\"REDUCED\"", "recovery db slow"));
                assertThat(dataOf(lines, "flag")).anySatisfy(data -> assertThat(data)
                        .contains("\"feature\":\"recommendations\"", "degradation FULL -> REDUCED"));
            });
        }
    }

    /** The data lines of every event of {@code type} received so far. */
    private static List<String> dataOf(List<String> lines, String type) {
        List<String> data = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event: " + type)) {
                data.add(lines.get(i + 1));
            }
        }
        return data;
    }

    private static void streams(RunningServer running, LiveLines live) {
        HttpResponse<Stream<String>> response = live.response();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> lines = live.lines();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.events().clients() == 1);

        running.server.loop().tracker().observe(new Detection("d-1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey("db:primary", "error.rate"), "errors", "error-rate-high",
                Severity.HIGH, 0.9, "error rate 40 %", Map.of(), RunningServer.START));
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        running.post("/api/v1/circuits/db:primary/force-open", running.operator, "{\"reason\":\"drill\"}");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                .contains("event: incident", "event: alert", "event: circuit"));
        String incidentData = lines.get(lines.indexOf("event: incident") + 1);
        assertThat(incidentData).startsWith("data: ").contains("\"change\":\"Opened\"", "db:primary");
        String circuitData = lines.get(lines.indexOf("event: circuit") + 1);
        assertThat(circuitData).contains("FORCED_OPEN", "drill");
    }
}
