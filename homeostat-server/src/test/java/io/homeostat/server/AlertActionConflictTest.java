package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.detect.Severity;
import io.homeostat.server.auth.Role;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledging and resolving an alert over HTTP change it once, as resolving an incident does: a
 * call that would change nothing answers 409 saying why, leaves the alert as it was and writes no
 * audit record.
 */
class AlertActionConflictTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private String alice;
    private String fingerprint;

    @BeforeEach
    void fireAnAlert() {
        alice = running.server.tokens().issue("alice", Role.OPERATOR).secret();
        Alert alert = Alert.of("db:primary", Severity.HIGH, "errors", "", "pool exhausted", RunningServer.START);
        running.server.loop().alerting().fire(alert);
        fingerprint = alert.fingerprint();
    }

    private RunningServer.Answer post(String action, String token) {
        return running.post("/api/v1/alerts/" + fingerprint + "/" + action, token, "{\"reason\":\"looking\"}");
    }

    private JsonNode audit(String action) {
        return running.get("/api/v1/audit?action=" + action, running.viewer).json().path("records");
    }

    private AlertView alert() {
        return running.server.loop().alerting().alert(fingerprint).orElseThrow();
    }

    @Test
    void aSecondAcknowledgementIsRefusedNamingWhoTookTheAlert() {
        assertThat(post("ack", running.operator).status()).isEqualTo(200);
        running.clock.advance(Duration.ofSeconds(1));

        RunningServer.Answer again = post("ack", alice);
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.json().path("error").asText())
                .isEqualTo("alert " + fingerprint + " was acknowledged already by token:ops");
        assertThat(post("ack", running.operator).status()).as("by the same person too").isEqualTo(409);

        assertThat(alert().acknowledgedBy()).isEqualTo("token:ops");
        assertThat(audit("api.alert.ack")).singleElement()
                .satisfies(r -> assertThat(r.path("actor").asText()).isEqualTo("token:ops"));
    }

    @Test
    void aResolvedAlertIsNeitherResolvedNorAcknowledgedAgain() {
        assertThat(post("resolve", running.operator).status()).isEqualTo(200);
        running.clock.advance(Duration.ofSeconds(1));

        RunningServer.Answer resolveAgain = post("resolve", alice);
        assertThat(resolveAgain.status()).as(resolveAgain.text()).isEqualTo(409);
        assertThat(resolveAgain.json().path("error").asText()).isEqualTo("alert " + fingerprint + " has resolved already");
        RunningServer.Answer ack = post("ack", alice);
        assertThat(ack.status()).as(ack.text()).isEqualTo(409);
        assertThat(ack.json().path("error").asText())
                .isEqualTo("alert " + fingerprint + " has resolved: there is nothing to acknowledge");

        assertThat(alert().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(alert().acknowledgedBy()).isEmpty();
        assertThat(audit("api.alert.resolve")).singleElement()
                .satisfies(r -> assertThat(r.path("actor").asText()).isEqualTo("token:ops"));
        assertThat(audit("api.alert.ack")).isEmpty();
    }
}
