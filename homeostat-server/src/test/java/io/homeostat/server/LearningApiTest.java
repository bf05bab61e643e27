package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.engine.port.RecoveryAction;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning progress: what the learner tallied per action, and the actions completed per hour. */
class LearningApiTest {

    @TempDir
    Path data;

    private RunningServer running;

    @BeforeEach
    void start() {
        running = RunningServer.withApprovals(data, "orders");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private static JsonNode action(JsonNode learning, String name) {
        for (JsonNode action : learning.path("actions")) {
            if (action.path("action").asText().equals(name)) {
                return action;
            }
        }
        throw new AssertionError("no action " + name + " in " + learning);
    }

    @Test
    void showsTheLearnedTallyOfEachActionWithItsBounds() {
        Problem db = new Problem("db:primary|errors|connection", "database");
        running.server.loop().learner().record(RecoveryOutcome.success("o1", db, "failover", Duration.ofSeconds(2),
                RunningServer.START));
        running.server.loop().learner().record(RecoveryOutcome.success("o2", db, "failover", Duration.ofSeconds(4),
                RunningServer.START));
        running.server.loop().learner().record(RecoveryOutcome.failure("o3", db, "failover", RunningServer.START));

        JsonNode failover = action(running.get("/api/v1/learning", running.viewer).json(), "failover");

        JsonNode learned = failover.path("learned");
        assertThat(learned.path("attempts").asLong()).as("each outcome once, not once per key").isEqualTo(3);
        assertThat(learned.path("successes").asLong()).isEqualTo(2);
        assertThat(learned.path("successRate").asDouble()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(learned.path("lowerBound").asDouble()).isBetween(0.05, 0.66);
        assertThat(learned.path("upperBound").asDouble()).isBetween(0.67, 1.0);
        assertThat(learned.path("meanTimeToRecoverMs").asLong()).isEqualTo(3_000);
        assertThat(failover.path("problems").findValuesAsText("problem"))
                .containsExactly("db:primary|errors|connection", "type:database");
        assertThat(failover.path("hourly")).as("no recovery action of this type ran").isEmpty();
        assertThat(running.get("/api/v1/learning?hours=0", running.viewer).json().path("field").asText())
                .isEqualTo("hours");
        assertThat(running.get("/api/v1/learning", null).status()).isEqualTo(401);
    }

    @Test
    void seriesCountsTheActionsCompletedInEachHour() {
        RunningServer.Answer started = running.post("/api/v1/workflows/restart-now/runs", running.operator,
                "{\"service\":\"orders\",\"reason\":\"heap climbing\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String runId = started.json().path("runId").asText();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.clock.advance(Duration.ofSeconds(1));
            return running.get("/api/v1/approvals", running.viewer).json().path("approvals").findValuesAsText("runId")
                    .contains(runId);
        });
        running.post("/api/v1/approvals/" + runId + "/reject", running.operator, "{\"note\":\"not now\"}");
        running.clock.advance(Duration.ofHours(1));

        // every alert action of the hour, of this run (telling people, paging them when the approval
        // was rejected) and of the runs the loop started itself for the incident
        List<RecoveryAction> alerts = running.server.loop().store().workflows().actionsSince(RunningServer.START)
                .stream().filter(a -> a.type().equals("alert")).toList();
        assertThat(alerts).extracting(RecoveryAction::runId).contains(runId);
        assertThat(alerts).allSatisfy(a -> assertThat(a.status()).isEqualTo(RecoveryAction.Status.SUCCEEDED));

        JsonNode learning = running.get("/api/v1/learning?hours=2", running.viewer).json();
        JsonNode alert = action(learning, "alert").path("hourly");
        assertThat(alert).hasSize(1);
        assertThat(alert.get(0).path("hour").asText()).isEqualTo("2026-06-01T12:00:00Z");
        assertThat(alert.get(0).path("attempts").asInt()).isEqualTo(alerts.size());
        assertThat(alert.get(0).path("successes").asInt()).isEqualTo(alerts.size());
        assertThat(alert.get(0).path("successRate").asDouble()).isEqualTo(1.0);
        assertThat(alert.get(0).path("cumulativeSuccessRate").asDouble()).isEqualTo(1.0);

        running.clock.advance(Duration.ofHours(2));
        // the loop goes on paging about the open incident meanwhile; the 12:00 hour is out of the window
        Instant windowStart = running.clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        assertThat(running.get("/api/v1/learning?hours=1", running.viewer).json().path("actions"))
                .as("older than the window").allSatisfy(action -> assertThat(action.path("hourly").findValuesAsText("hour"))
                        .allSatisfy(hour -> assertThat(Instant.parse(hour)).isAfterOrEqualTo(windowStart)));
    }
}
