package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.detect.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code POST /api/v1/alerts/silences} refuses, and how it names the field to fix. */
class SilenceRequestTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private RunningServer.Answer create(String body) {
        return running.post("/api/v1/alerts/silences", running.operator, body);
    }

    private void assertNothingSilenced() {
        assertThat(running.get("/api/v1/alerts/silences", running.viewer).json().path("silences")).isEmpty();
        assertThat(running.get("/api/v1/audit?action=api.silence.create", running.viewer).json().path("records")).isEmpty();
    }

    @Test
    void aLabelGivenTwiceIsRefusedNamingItRatherThanSilencingItsLastValue() {
        RunningServer.Answer twice = create(
                "{\"matchers\":{\"service\":\"a\",\"service\":\"b\"},\"minutes\":5,\"comment\":\"deploy\"}");
        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.json().path("field").asText()).isEqualTo("matchers.service");
        assertThat(twice.json().path("error").asText()).contains("given twice");
        assertThat(create("{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"minutes\":50,\"comment\":\"deploy\"}")
                .json().path("field").asText()).isEqualTo("minutes");
        assertNothingSilenced();
    }

    @Test
    void aKeyGivenTwiceIsRefusedByEveryOperatorActionNotOnlyTheSilences() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        RunningServer.Answer forceOpen = running.post("/api/v1/circuits/db:primary/force-open", running.operator,
                "{\"reason\":\"failover\",\"reason\":\"drill\"}");
        assertThat(forceOpen.status()).as(forceOpen.text()).isEqualTo(400);
        assertThat(forceOpen.json().path("field").asText()).isEqualTo("reason");
        RunningServer.Answer token = running.post("/api/v1/tokens", running.admin,
                "{\"name\":\"ci\",\"role\":\"viewer\",\"role\":\"admin\"}");
        assertThat(token.status()).as(token.text()).isEqualTo(400);
        assertThat(token.json().path("field").asText()).isEqualTo("role");
        assertThat(running.server.tokens().list()).extracting(p -> p.name()).doesNotContain("ci");
        assertThat(running.get("/api/v1/audit", running.viewer).json().path("records").findValuesAsText("action"))
                .doesNotContain("api.circuit.force_open", "api.token.create");
    }

    @Test
    void aSeverityInUpperCaseAsTheApiPrintsItMutesTheAlertsOfThatSeverity() {
        RunningServer.Answer created = create("{\"matchers\":{\"severity\":\"HIGH\"},\"minutes\":30,\"comment\":\"noise\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        running.server.loop().alerting().fire(Alert.of("payments", Severity.HIGH, "errors", "", "errors on payments",
                RunningServer.START));

        JsonNode alert = running.get("/api/v1/alerts", running.viewer).json().path("alerts").get(0);
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("high");
        assertThat(alert.path("state").asText()).isEqualTo("SILENCED");
        assertThat(alert.path("mutedBy").asText()).isEqualTo(created.json().path("id").asText());
    }

    @Test
    void aMatcherThatCouldNeverMatchIsRefusedNamingItsLabel() {
        RunningServer.Answer team = create("{\"matchers\":{\"service\":\"a\",\"team\":\"payments\"},\"minutes\":5,\"comment\":\"x\"}");
        assertThat(team.status()).as(team.text()).isEqualTo(400);
        assertThat(team.json().path("field").asText()).isEqualTo("matchers.team");
        assertThat(team.json().path("error").asText()).isEqualTo("matchers.team: no alert carries this label, so the "
                + "silence would mute nothing; alerts carry category, incident, service, severity");
        RunningServer.Answer severity = create("{\"matchers\":{\"severity\":\"urgent\"},\"minutes\":5,\"comment\":\"x\"}");
        assertThat(severity.status()).as(severity.text()).isEqualTo(400);
        assertThat(severity.json().path("field").asText()).isEqualTo("matchers.severity");
        assertThat(severity.json().path("error").asText())
                .isEqualTo("matchers.severity: must be one of critical, high, medium, low, info; was urgent");
        assertNothingSilenced();

        for (String label : List.of("service", "severity", "category", "incident")) {
            String value = label.equals("severity") ? "low" : "x";
            assertThat(create("{\"matchers\":{\"" + label + "\":\"" + value + "\"},\"minutes\":5,\"comment\":\"x\"}")
                    .status()).as(label).isEqualTo(201);
        }
    }

    @Test
    void aMissingCommentIsNamedAsTheCommentAndTheHintUsesThatName() {
        RunningServer.Answer missing = create("{\"matchers\":{\"service\":\"a\"},\"minutes\":5}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("field").asText()).isEqualTo("comment");
        assertThat(missing.json().path("error").asText())
                .isEqualTo("comment: missing: say why, e.g. {\"comment\":\"upstream fixed\"}");
        assertThat(create("{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"comment\":\" \"}").json().path("field")
                .asText()).isEqualTo("comment");
        assertThat(create("{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"comment\":\"" + "x".repeat(501) + "\"}")
                .json().path("error").asText()).isEqualTo("comment: at most 500 characters");
        assertNothingSilenced();

        RunningServer.Answer followed = create("{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"comment\":\"upstream fixed\"}");
        assertThat(followed.status()).as("the hint, followed, is taken: " + followed.text()).isEqualTo(201);
    }
}
