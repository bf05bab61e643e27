package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.AutomationMode;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Degradation, flags, alert silences and the configuration over loopback HTTP, with their audit records. */
class ControlsApiTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    @Test
    void anOperatorSetsTheDegradationLevelWhichTurnsFeaturesOff() {
        running.server.loop().toggles().register("recommendations", DegradationLevel.FULL);
        assertThat(running.get("/api/v1/degradation", running.viewer).json().path("level").asText()).isEqualTo("FULL");

        RunningServer.Answer set = running.post("/api/v1/degradation", running.operator,
                "{\"level\":\"reduced\",\"reason\":\"database at capacity\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("level").asText()).isEqualTo("REDUCED");
        assertThat(set.json().path("lastChange").path("reason").asText()).contains("token:ops", "database at capacity");
        assertThat(running.server.loop().degradation().level()).isEqualTo(DegradationLevel.REDUCED);
        assertThat(running.get("/api/v1/flags", running.viewer).json().path("features").path("recommendations")
                .path("enabled").asBoolean()).isFalse();

        RunningServer.Answer unknown = running.post("/api/v1/degradation", running.operator, "{\"level\":\"half\",\"reason\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("level");
        assertThat(running.post("/api/v1/degradation", running.operator, "{\"level\":\"FULL\"}").json().path("field").asText())
                .isEqualTo("reason");
        assertThat(running.post("/api/v1/degradation", running.viewer, "{\"level\":\"FULL\",\"reason\":\"x\"}").status())
                .isEqualTo(403);
        assertThat(running.server.loop().degradation().level()).isEqualTo(DegradationLevel.REDUCED);

        JsonNode records = running.get("/api/v1/audit?action=api.degradation.set", running.viewer).json().path("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("evidence").path("to").asText()).isEqualTo("REDUCED");
        assertThat(records.get(0).path("actor").asText()).isEqualTo("token:ops");
    }

    @Test
    void anOperatorForcesAndClearsFeaturesAndSwitchesRecovery() {
        running.server.loop().toggles().register("recommendations", DegradationLevel.REDUCED);
        JsonNode off = running.post("/api/v1/flags/recommendations", running.operator,
                "{\"enabled\":false,\"reason\":\"slow queries\"}").json();
        assertThat(off.path("features").path("recommendations").path("enabled").asBoolean()).isFalse();
        assertThat(off.path("features").path("recommendations").path("override").path("enabled").asBoolean()).isFalse();
        assertThat(running.server.loop().toggles().isEnabled("recommendations")).isFalse();
        JsonNode cleared = running.post("/api/v1/flags/recommendations", running.operator,
                "{\"enabled\":null,\"reason\":\"fixed\"}").json();
        assertThat(cleared.path("features").path("recommendations").path("enabled").asBoolean()).isTrue();
        assertThat(cleared.path("features").path("recommendations").path("override").isNull()).isTrue();

        assertThat(running.post("/api/v1/flags/recovery.kill-switch", running.admin, "{\"enabled\":true,\"reason\":\"incident review\"}")
                .json().path("recovery").path("killSwitch").asBoolean()).isTrue();
        assertThat(running.server.loop().recovery().flags().killed()).isTrue();
        assertThat(running.post("/api/v1/flags/recovery.mode", running.operator, "{\"value\":\"shadow\",\"reason\":\"trial\"}")
                .json().path("recovery").path("mode").asText()).isEqualTo("SHADOW");
        assertThat(running.server.loop().recovery().flags().mode()).isEqualTo(AutomationMode.SHADOW);

        assertThat(running.post("/api/v1/flags/nope", running.operator, "{\"enabled\":true,\"reason\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(running.post("/api/v1/flags/recovery.mode", running.operator, "{\"value\":\"auto\",\"reason\":\"x\"}")
                .json().path("field").asText()).isEqualTo("value");
        assertThat(running.post("/api/v1/flags/recovery.kill-switch", running.operator, "{\"reason\":\"x\"}").json()
                .path("field").asText()).isEqualTo("enabled");
        assertThat(running.post("/api/v1/flags/recommendations", running.operator, "{\"enabled\":\"maybe\",\"reason\":\"x\"}")
                .status()).isEqualTo(400);
        assertThat(running.post("/api/v1/flags/recommendations", running.viewer, "{\"enabled\":true,\"reason\":\"x\"}").status())
                .isEqualTo(403);

        JsonNode records = running.get("/api/v1/audit?action=api.flag.set", running.viewer).json().path("records");
        assertThat(records.findValuesAsText("target")).containsExactlyInAnyOrder("flag:recommendations",
                "flag:recommendations", "flag:recovery.kill-switch", "flag:recovery.mode");
    }

    @Test
    void aSwitchOnTheLongestServiceNameIsAudited() {
        String service = "svc-" + "x".repeat(196);
        assertThat(running.post("/api/v1/flags/recovery.service:" + service, running.operator,
                "{\"enabled\":false,\"reason\":\"leave it alone\"}").status()).isEqualTo(200);

        JsonNode records = running.get("/api/v1/audit?action=api.flag.set", running.viewer).json().path("records");
        assertThat(records.findValuesAsText("target")).as("the audit insert is not refused for the target's length")
                .containsExactly("flag:recovery.service:" + service);
    }

    @Test
    void silencesAreCreatedListedAndEndedAndMuteTheirAlerts() {
        RunningServer.Answer created = running.post("/api/v1/alerts/silences", running.operator,
                "{\"matchers\":{\"service\":\"payments\"},\"minutes\":60,\"comment\":\"maintenance window\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.json().path("author").asText()).isEqualTo("token:ops");
        assertThat(running.get("/api/v1/alerts/silences", running.viewer).json().path("silences").findValuesAsText("id"))
                .containsExactly(id);

        running.server.loop().alerting().fire(Alert.of("payments", Severity.HIGH, "errors", "", "errors on payments",
                RunningServer.START));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                running.get("/api/v1/alerts", running.viewer).json().path("alerts").size() == 1);
        assertThat(running.get("/api/v1/alerts", running.viewer).json().path("alerts").get(0).path("mutedBy").asText())
                .isNotEmpty();

        assertThat(running.post("/api/v1/alerts/silences", running.operator, "{\"minutes\":60,\"comment\":\"x\"}")
                .json().path("field").asText()).isEqualTo("matchers");
        assertThat(running.post("/api/v1/alerts/silences", running.operator,
                "{\"matchers\":{\"service\":\"x\"},\"minutes\":0,\"comment\":\"x\"}").json().path("field").asText())
                .isEqualTo("minutes");
        assertThat(running.post("/api/v1/alerts/silences", running.operator,
                "{\"matchers\":{\"service\":\"x\"},\"minutes\":5}").json().path("field").asText()).isEqualTo("comment");
        assertThat(running.delete("/api/v1/alerts/silences/" + id, running.viewer).status()).isEqualTo(403);
        assertThat(running.delete("/api/v1/alerts/silences/no-such", running.operator).status()).isEqualTo(404);

        assertThat(running.delete("/api/v1/alerts/silences/" + id, running.operator).status()).isEqualTo(204);
        assertThat(running.get("/api/v1/alerts/silences", running.viewer).json().path("silences")).isEmpty();
        assertThat(running.get("/api/v1/audit?target=silence:" + id, running.viewer).json().path("records")
                .findValuesAsText("action")).containsExactlyInAnyOrder("api.silence.create", "api.silence.delete");
    }

    @Test
    void theConfigurationIsShownWithSecretsRedactedAndAServerWithoutAFileHasNothingToReload() {
        JsonNode config = running.get("/api/v1/config", running.viewer).json();
        assertThat(config.path("server").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(config.path("store").path("jdbcUrl").asText()).startsWith("jdbc:h2:file:");
        assertThat(config.path("store").path("password").asText()).isIn("", "[redacted]");
        assertThat(config.path("loop").path("workflows").toString()).contains("memory-leak");
        assertThat(config.path("loop").path("actions").toString()).contains("failover");

        assertThat(config.path("configuration").path("sectionsFromFile")).isEmpty();
        assertThat(config.path("configuration").path("thresholdRules").findValuesAsText("name")).contains("error-rate");

        RunningServer.Answer reload = running.post("/api/v1/config/reload", running.admin, "{}");
        assertThat(reload.status()).isEqualTo(409);
        assertThat(reload.json().path("error").asText()).contains("--config");
        assertThat(running.post("/api/v1/config/reload", running.operator, "{}").status()).isEqualTo(403);
    }
}
