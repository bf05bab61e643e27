package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternKind;
import io.homeostat.engine.incident.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Services and their health timeline, incident timeline and diagnosis, failure patterns and recommendations. */
class ServiceApiTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private Incident openIncident(String service) {
        Detection detection = new Detection("d-" + service, "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey(service, "error.rate"), "errors", "error-rate-high", Severity.HIGH, 0.9,
                "error rate 40 % over 5 %", Map.of("value", "0.4"), RunningServer.START);
        return running.server.loop().tracker().observe(detection).orElseThrow();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path("name").asText()));
        return names;
    }

    @Test
    void servicesShowTheirHealthNowAndTheirTimeline() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build())
                .circuitBreaker().orElseThrow().forceOpen("drill");
        running.server.loop().guards().replace("cache", GuardConfig.builder().build());
        Incident incident = openIncident("payments");

        JsonNode services = running.get("/api/v1/services", running.viewer).json().path("services");
        assertThat(names(services)).containsExactly("cache", "db:primary", "payments");
        assertThat(services.get(0).path("status").asText()).isEqualTo("up");
        assertThat(services.get(1).path("status").asText()).isEqualTo("down");
        assertThat(services.get(1).path("circuit").asText()).isEqualTo("FORCED_OPEN");
        assertThat(services.get(2).path("status").asText()).isEqualTo("degraded");
        assertThat(services.get(2).path("activeIncidents").asInt()).isEqualTo(1);
        assertThat(services.get(2).path("worstSeverity").asText()).isEqualTo("HIGH");

        running.server.loop().bus().publish(new OperationOutcome("payments", OperationOutcome.Status.FAILURE,
                ErrorCategory.TIMEOUT, 1_000_000, null, RunningServer.START, Map.of()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                running.server.loop().health().services().contains("payments"));
        JsonNode timeline = running.get("/api/v1/services/payments/timeline?hours=1", running.viewer).json();
        assertThat(timeline.path("bucketSeconds").asInt()).isEqualTo(300);
        assertThat(timeline.path("buckets").get(0).path("status").asText()).isEqualTo("degraded");
        assertThat(timeline.path("buckets").get(0).path("failures").asInt()).isEqualTo(1);
        assertThat(timeline.path("service").path("status").asText()).isEqualTo("degraded");
        assertThat(timeline.path("timeline").get(0).path("incidentId").asText()).isEqualTo(incident.id());
        assertThat(timeline.path("timeline").get(0).path("type").asText()).isEqualTo("OPENED");
        assertThat(running.get("/api/v1/services/cache/timeline", running.viewer).json().path("timeline")).isEmpty();
        assertThat(running.get("/api/v1/services/nowhere/timeline", running.viewer).status()).isEqualTo(404);
        assertThat(running.get("/api/v1/services/payments/timeline?hours=1000", running.viewer).json().path("field").asText())
                .isEqualTo("hours");
    }

    @Test
    void anIncidentShowsItsTimelineAndItsDiagnosisOnceDiagnosed() {
        Incident incident = openIncident("payments");
        String path = "/api/v1/incidents/" + incident.id();
        assertThat(running.get(path + "/timeline", running.viewer).json().path("timeline").get(0).path("type").asText())
                .isEqualTo("OPENED");
        RunningServer.Answer notYet = running.get(path + "/diagnosis", running.viewer);
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.json().path("error").asText()).contains("not been diagnosed");
        assertThat(running.get("/api/v1/incidents/nope/timeline", running.viewer).status()).isEqualTo(404);
        assertThat(running.get("/api/v1/incidents/nope/diagnosis", running.viewer).status()).isEqualTo(404);

        running.clock.advance(Duration.ofSeconds(31)); // past the settle time, the loop diagnoses it

        JsonNode diagnosis = running.get(path + "/diagnosis", running.viewer).json();
        assertThat(diagnosis.path("source").asText()).isEqualTo("live");
        assertThat(diagnosis.path("diagnosis").path("rootService").asText()).isEqualTo("payments");
        assertThat(diagnosis.path("summary").asText()).contains("payments");
        assertThat(running.get(path + "/timeline", running.viewer).json().path("timeline").findValuesAsText("message"))
                .anySatisfy(message -> assertThat(message).startsWith("OPEN -> DIAGNOSED"));
    }

    @Test
    void aResolvedIncidentShowsTheDiagnosisKeptInTheStore() {
        Incident incident = openIncident("payments");
        running.clock.advance(Duration.ofSeconds(31)); // past the settle time, the loop diagnoses it
        assertThat(running.server.loop().store().diagnoses().byIncident(incident.id())).hasSize(1);

        running.server.loop().tracker().resolve(incident.id(), "alice", "fixed by hand");

        assertThat(running.server.loop().diagnosis().latest(incident.id())).isEmpty();
        JsonNode diagnosis = running.get("/api/v1/incidents/" + incident.id() + "/diagnosis", running.viewer).json();
        assertThat(diagnosis.path("source").asText()).isEqualTo("store");
        assertThat(diagnosis.path("diagnosis").path("rootService").asText()).isEqualTo("payments");
        assertThat(diagnosis.path("diagnosis").path("incidentId").asText()).isEqualTo(incident.id());
        assertThat(diagnosis.path("summary").asText()).contains("payments");
    }

    @Test
    void failurePatternsAndRecommendationsComeFromTheStore() {
        running.server.loop().store().patterns().save(new Pattern("recurring|llm:openai|timeout", PatternKind.RECURRING,
                Set.of("llm:openai"), "timeout on llm:openai every day around 14:00 UTC", "provider batch jobs",
                "fail over before 14:00", 5, RunningServer.START.minus(Duration.ofDays(5)), RunningServer.START, 0.8));
        for (int i = 0; i < 3; i++) {
            running.server.loop().bus().publish(new FailureEvent("llm:openai", ErrorCategory.TIMEOUT, "http.504", "gateway timeout",
                    RunningServer.START, Map.of()));
        }
        running.server.loop().bus().publish(new FailureEvent("db:primary", ErrorCategory.TIMEOUT, "sql.timeout", "slow",
                RunningServer.START, Map.of()));

        JsonNode patterns = running.get("/api/v1/patterns?service=llm:openai", running.viewer).json().path("patterns");
        assertThat(patterns.get(0).path("signature").asText()).isEqualTo("recurring|llm:openai|timeout");
        assertThat(running.get("/api/v1/patterns?service=elsewhere", running.viewer).json().path("patterns")).isEmpty();
        JsonNode recommendations = running.get("/api/v1/recommendations", running.viewer).json().path("recommendations");
        assertThat(recommendations.get(0).path("service").asText()).isEqualTo("llm:openai");
        assertThat(recommendations.get(0).path("action").asText()).isEqualTo("fail over before 14:00");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().store().flush();
            return running.get("/api/v1/patterns/failures?hours=1", running.viewer).json().path("mostCommonTypes").size() == 2;
        });
        JsonNode failures = running.get("/api/v1/patterns/failures?hours=1", running.viewer).json();
        assertThat(failures.path("mostCommonTypes").get(0).path("key").asText()).isEqualTo("http.504");
        assertThat(failures.path("mostCommonTypes").get(0).path("count").asLong()).isEqualTo(3);
        assertThat(failures.path("servicesByFailureRate").get(0).path("key").asText()).isEqualTo("llm:openai");
        long trend = 0;
        for (JsonNode point : failures.path("errorTrend")) {
            trend += point.path("count").asLong();
        }
        assertThat(trend).isEqualTo(4);
        assertThat(running.get("/api/v1/patterns/failures?hours=-1", running.viewer).status()).isEqualTo(400);
        assertThat(running.get("/api/v1/patterns?limit=0", running.viewer).json().path("field").asText()).isEqualTo("limit");
    }
}
