package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The read API and the operator actions, over loopback HTTP, with their audit records. */
class OperatorApiTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private Incident openIncident(String service, Severity severity) {
        Detection detection = new Detection("d-" + service, "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey(service, "error.rate"), "errors", "error-rate-high", severity, 0.9,
                "error rate 40 % over 5 %", Map.of("value", "0.4"), RunningServer.START);
        return running.server.loop().tracker().observe(detection).orElseThrow();
    }

    @Test
    void listsIncidentsWithFiltersAndShowsOneWithItsTimeline() {
        Incident db = openIncident("db:primary", Severity.HIGH);
        openIncident("llm:openai", Severity.LOW);
        JsonNode all = running.get("/api/v1/incidents", running.viewer).json().path("incidents");
        assertThat(all).hasSize(2);
        JsonNode high = running.get("/api/v1/incidents?severity=high", running.viewer).json().path("incidents");
        assertThat(high).hasSize(1);
        assertThat(high.get(0).path("id").asText()).isEqualTo(db.id());
        assertThat(high.get(0).path("openedAt").asText()).isEqualTo("2026-06-01T12:00:00Z");
        assertThat(running.get("/api/v1/incidents?service=llm:openai", running.viewer).json().path("incidents")).hasSize(1);
        assertThat(running.get("/api/v1/incidents?status=resolved", running.viewer).json().path("incidents")).isEmpty();
        assertThat(running.get("/api/v1/incidents?limit=1", running.viewer).json().path("incidents")).hasSize(1);

        JsonNode detail = running.get("/api/v1/incidents/" + db.id(), running.viewer).json();
        assertThat(detail.path("incident").path("services").get(0).asText()).isEqualTo("db:primary");
        assertThat(detail.path("timeline")).isNotEmpty();
        assertThat(detail.path("timeline").get(0).path("detectionId").asText()).isEqualTo("d-db:primary");
    }

    @Test
    void badIncidentFiltersNameTheParameter() {
        RunningServer.Answer status = running.get("/api/v1/incidents?status=burning", running.viewer);
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().path("field").asText()).isEqualTo("status");
        assertThat(running.get("/api/v1/incidents?since=yesterday", running.viewer).json().path("field").asText()).isEqualTo("since");
        assertThat(running.get("/api/v1/incidents?limit=0", running.viewer).json().path("field").asText()).isEqualTo("limit");
        assertThat(running.get("/api/v1/incidents/no-such-id", running.viewer).status()).isEqualTo(404);
    }

    @Test
    void anOperatorForcesALocalCircuitOpenAndResetsItAndBothAreAudited() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        JsonNode listed = running.get("/api/v1/circuits", running.viewer).json().path("circuits");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("state").asText()).isEqualTo("CLOSED");
        assertThat(listed.get(0).path("local").asBoolean()).isTrue();
        assertThat(listed.get(0).path("nextRetryAt").isNull()).as("not open: null, not 1970").isTrue();

        RunningServer.Answer opened = running.post("/api/v1/circuits/db:primary/force-open", running.operator,
                "{\"reason\":\"failover drill\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(200);
        assertThat(opened.json().path("state").asText()).isEqualTo("FORCED_OPEN");
        assertThat(running.server.loop().guards().find("db:primary").orElseThrow().circuitBreaker().orElseThrow().state())
                .isEqualTo(CircuitState.FORCED_OPEN);

        running.clock.advance(java.time.Duration.ofSeconds(1)); // audit records of one instant sort by id
        RunningServer.Answer reset = running.post("/api/v1/circuits/db:primary/reset", running.admin, "{\"reason\":\"drill over\"}");
        assertThat(reset.json().path("state").asText()).isEqualTo("CLOSED");

        JsonNode records = running.get("/api/v1/audit?target=db:primary", running.viewer).json().path("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).path("action").asText()).isEqualTo("api.circuit.force_open");
        assertThat(records.get(0).path("actor").asText()).isEqualTo("token:ops");
        assertThat(records.get(0).path("reason").asText()).isEqualTo("failover drill");
        assertThat(records.get(1).path("action").asText()).isEqualTo("api.circuit.reset");
        assertThat(records.get(1).path("actor").asText()).isEqualTo("token:admin");
        assertThat(running.get("/api/v1/audit?actor=token:ops", running.viewer).json().path("records")).hasSize(1);

        JsonNode page = running.get("/api/v1/audit?target=db:primary&limit=1", running.viewer).json();
        assertThat(page.path("records")).hasSize(1);
        assertThat(page.path("truncated").asBoolean()).as("a page that leaves records out says so").isTrue();
        assertThat(page.path("nextFrom").asText()).isEqualTo(records.get(1).path("time").asText());
        JsonNode next = running.get("/api/v1/audit?target=db:primary&limit=1&from=" + page.path("nextFrom").asText(),
                running.viewer).json();
        assertThat(next.path("records").get(0).path("action").asText()).isEqualTo("api.circuit.reset");
        assertThat(next.path("truncated").asBoolean()).isFalse();
        assertThat(next.has("nextFrom")).isFalse();
    }

    @Test
    void aForcedOpenOrResetLocalCircuitIsSinceItsOperatorsAction() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        running.clock.advance(Duration.ofMinutes(10));
        Instant forced = running.clock.instant();

        RunningServer.Answer opened = running.post("/api/v1/circuits/db:primary/force-open", running.operator,
                "{\"reason\":\"failover drill\"}");
        assertThat(Instant.parse(opened.json().path("since").asText())).isEqualTo(forced);
        running.clock.advance(Duration.ofMinutes(5));
        assertThat(Instant.parse(running.get("/api/v1/circuits", running.viewer).json().path("circuits").get(0)
                .path("since").asText())).isEqualTo(forced);

        Instant reset = running.clock.instant();
        RunningServer.Answer closed = running.post("/api/v1/circuits/db:primary/reset", running.operator,
                "{\"reason\":\"drill over\"}");
        assertThat(Instant.parse(closed.json().path("since").asText())).isEqualTo(reset);
    }

    @Test
    void circuitActionsNeedAReasonAndAKnownLocalCircuit() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        RunningServer.Answer noReason = running.post("/api/v1/circuits/db:primary/reset", running.operator, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
        RunningServer.Answer unknownField = running.post("/api/v1/circuits/db:primary/reset", running.operator,
                "{\"reason\":\"x\",\"force\":true}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("field").asText()).isEqualTo("force");
        assertThat(running.post("/api/v1/circuits/nothing/reset", running.operator, "{\"reason\":\"x\"}").status()).isEqualTo(404);

        CircuitTransition remote = new CircuitTransition("payments", CircuitState.CLOSED, CircuitState.OPEN,
                "failure rate 60.0% >= 50.0% over 20 calls", new WindowSnapshot(20, 12, 0, 3), RunningServer.START, Map.of());
        String json = SignalCodec.create().encodeToString(remote).replaceFirst("\\{", "{\"id\":\"t-1\",");
        assertThat(running.post("/api/v1/signals", running.operator, "{\"signals\":[" + json + "]}").status()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                running.get("/api/v1/circuits", running.viewer).json().path("circuits").size() == 2);
        JsonNode payments = running.get("/api/v1/circuits", running.viewer).json().path("circuits").get(1);
        assertThat(payments.path("name").asText()).isEqualTo("payments");
        assertThat(payments.path("state").asText()).isEqualTo("OPEN");
        assertThat(payments.path("local").asBoolean()).isFalse();
        assertThat(payments.path("nextRetryAt").isNull()).as("not known of a remote breaker: null, not 1970").isTrue();
        assertThat(payments.path("since").asText()).isEqualTo(RunningServer.START.toString());
        assertThat(running.post("/api/v1/circuits/payments/reset", running.operator, "{\"reason\":\"x\"}").status()).isEqualTo(409);
        assertThat(running.get("/api/v1/audit", running.viewer).json().path("records")).isEmpty();
    }

    @Test
    void anOperatorAcknowledgesAndResolvesAnAlert() {
        running.server.loop().alerting().fire(Alert.of("db:primary", Severity.HIGH, "errors", "", "pool exhausted",
                RunningServer.START));
        JsonNode alerts = running.get("/api/v1/alerts", running.viewer).json().path("alerts");
        assertThat(alerts).hasSize(1);
        String fingerprint = alerts.get(0).path("fingerprint").asText();
        assertThat(alerts.get(0).path("state").asText()).isEqualTo("FIRING");

        RunningServer.Answer acked = running.post("/api/v1/alerts/" + fingerprint + "/ack", running.operator, "{\"reason\":\"on it\"}");
        assertThat(acked.status()).as(acked.text()).isEqualTo(200);
        assertThat(acked.json().path("acknowledgedBy").asText()).isEqualTo("token:ops");

        running.clock.advance(java.time.Duration.ofSeconds(1)); // audit records of one instant sort by id
        RunningServer.Answer resolved = running.post("/api/v1/alerts/" + fingerprint + "/resolve", running.operator,
                "{\"reason\":\"pool resized\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().path("state").asText()).isEqualTo("RESOLVED");
        assertThat(running.get("/api/v1/alerts", running.viewer).json().path("alerts")).isEmpty();
        assertThat(running.post("/api/v1/alerts/nope/ack", running.operator, "{\"reason\":\"x\"}").status()).isEqualTo(404);

        JsonNode records = running.get("/api/v1/audit?target=" + fingerprint, running.viewer).json().path("records");
        assertThat(records).extracting(r -> r.path("action").asText()).containsExactly("api.alert.ack", "api.alert.resolve");
    }

    @Test
    void theOverviewCountsIncidentsCircuitsAndAlerts() {
        openIncident("db:primary", Severity.CRITICAL);
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build())
                .circuitBreaker().orElseThrow().forceOpen("test");
        // alerts fire on the alert manager's thread
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                running.get("/api/v1/overview", running.viewer).json().path("alerts").asInt() == 1);
        JsonNode overview = running.get("/api/v1/overview", running.viewer).json();
        assertThat(overview.path("activeIncidents").asInt()).isEqualTo(1);
        assertThat(overview.path("activeIncidentsBySeverity").path("CRITICAL").asInt()).isEqualTo(1);
        assertThat(overview.path("openCircuits").get(0).asText()).isEqualTo("db:primary");
        assertThat(overview.path("alerts").asInt()).isEqualTo(1);
    }

    @Test
    void auditQueriesRefuseABadRange() {
        RunningServer.Answer answer = running.get("/api/v1/audit?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", running.viewer);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo("from");
    }
}
