package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, deleting and running out of a silence each leave an audit record, with who and why. */
class SilenceAuditTest {

    @TempDir
    Path data;

    private static String silence(RunningServer running, String service, int minutes) {
        RunningServer.Answer created = running.post("/api/v1/alerts/silences", running.operator,
                "{\"matchers\":{\"service\":\"" + service + "\"},\"minutes\":" + minutes + ",\"comment\":\"maintenance of "
                        + service + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static JsonNode audit(RunningServer running, String action) {
        return running.get("/api/v1/audit?action=" + action, running.viewer).json().path("records");
    }

    @Test
    void aSilenceIsAuditedWhenCreatedDeletedOrRunOut() {
        try (RunningServer running = new RunningServer(data)) {
            String runsOut = silence(running, "payments", 10);
            String deleted = silence(running, "orders", 10);
            assertThat(audit(running, "api.silence.create")).hasSize(2);
            assertThat(audit(running, "api.silence.create").findValuesAsText("actor")).containsOnly("token:ops");

            running.clock.advance(Duration.ofMinutes(1));
            assertThat(running.delete("/api/v1/alerts/silences/" + deleted, running.operator).status()).isEqualTo(204);
            assertThat(audit(running, "api.silence.delete")).singleElement()
                    .satisfies(r -> assertThat(r.path("target").asText()).isEqualTo("silence:" + deleted));

            running.clock.advance(Duration.ofMinutes(8));
            assertThat(audit(running, "alert.silence.expired")).isEmpty();
            running.clock.advance(Duration.ofMinutes(2));
            JsonNode expired = audit(running, "alert.silence.expired");
            assertThat(expired).singleElement().satisfies(r -> {
                assertThat(r.path("target").asText()).isEqualTo("silence:" + runsOut);
                assertThat(r.path("actor").asText()).isEqualTo("system");
                assertThat(r.path("reason").asText()).contains("maintenance of payments");
                assertThat(r.path("evidence").path("author").asText()).isEqualTo("token:ops");
            });
            assertThat(running.get("/api/v1/alerts/silences", running.viewer).json().path("silences")).isEmpty();
        }
    }

    @Test
    void aSilenceMadeWithoutTheApiIsAuditedOnceWhenItRunsOut() {
        try (RunningServer running = new RunningServer(data)) {
            Instant now = running.clock.instant();
            Silence silence = running.server.loop().alerting().silence(
                    List.of(Matcher.eq(Labels.SERVICE, "reports")), now, now.plus(Duration.ofMinutes(30)), "config",
                    "reports rebuilt nightly");

            running.clock.advance(Duration.ofMinutes(29));
            assertThat(audit(running, "alert.silence.expired")).isEmpty();
            running.clock.advance(Duration.ofMinutes(2));

            assertThat(audit(running, "alert.silence.expired")).singleElement().satisfies(r -> {
                assertThat(r.path("target").asText()).isEqualTo("silence:" + silence.id());
                assertThat(r.path("actor").asText()).isEqualTo("system");
                assertThat(r.path("reason").asText()).contains("reports rebuilt nightly");
                assertThat(r.path("evidence").path("author").asText()).isEqualTo("config");
            });
            running.clock.advance(Duration.ofHours(1));
            assertThat(audit(running, "alert.silence.expired")).hasSize(1);
        }
    }
}
