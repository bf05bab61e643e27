package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.plan.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Learning progress: what the learner tallied per action, and the actions completed per hour. */
class LearningApiTest {

    @RegisterExtension
    final RunningServer running = RunningServer.withApprovals("orders");

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

    private void record(String run, int index, int attempt, String action, StepPhase phase, int second) {
        running.server.loop().store().workflows().append(new StepRecord(run, index, "step" + index, attempt, action,
                phase, RunningServer.START.plusSeconds(second), phase.name().toLowerCase(Locale.ROOT), Map.of()));
    }

    @Test
    void seriesCountsEachHoursAttemptsAsTheLearnerDoes() {
        Instant start = RunningServer.START;
        WorkflowRun run = WorkflowRun.start("run-x", "inc-x", "wf", "orders", TriggerType.MANUAL, start,
                start.plus(Duration.ofHours(1)), start);
        running.server.loop().store().workflows().create(run);
        running.server.loop().store().workflows().update(run.moved(RunPhase.SUCCEEDED, "done", start.plusSeconds(9)));
        record("run-x", 0, 1, "failover", StepPhase.STARTED, 1);
        record("run-x", 0, 1, "failover", StepPhase.FAILED, 2);
        record("run-x", 0, 2, "failover", StepPhase.STARTED, 3);
        record("run-x", 0, 2, "failover", StepPhase.SUCCEEDED, 4);
        record("run-x", 0, 2, "failover", StepPhase.VERIFIED, 5);
        record("run-x", 1, 1, "alert", StepPhase.STARTED, 6);
        record("run-x", 1, 1, "alert", StepPhase.SUCCEEDED, 7);
        record("run-x", 1, 1, "alert", StepPhase.DONE, 8);
        WorkflowRun undone = WorkflowRun.start("run-y", "inc-y", "wf", "orders", TriggerType.MANUAL, start,
                start.plus(Duration.ofHours(1)), start);
        running.server.loop().store().workflows().create(undone);
        running.server.loop().store().workflows().update(undone.moved(RunPhase.ROLLED_BACK, "step 1 failed",
                start.plusSeconds(20)));
        record("run-y", 0, 1, "failover", StepPhase.STARTED, 10);
        record("run-y", 0, 1, "failover", StepPhase.SUCCEEDED, 11);
        record("run-y", 0, 1, "failover", StepPhase.VERIFIED, 12);
        record("run-y", 0, 1, "failover", StepPhase.ROLLBACK_STARTED, 13);
        record("run-y", 0, 1, "failover", StepPhase.ROLLED_BACK, 14);
        record("run-y", -1, 1, "restore", StepPhase.STARTED, 15);
        record("run-y", -1, 1, "restore", StepPhase.SUCCEEDED, 16);
        running.clock.advance(Duration.ofHours(1));

        JsonNode learning = running.get("/api/v1/learning?hours=2", running.viewer).json();
        JsonNode failover = action(learning, "failover").path("hourly");
        assertThat(failover).hasSize(1);
        assertThat(failover.get(0).path("hour").asText()).isEqualTo(start.truncatedTo(ChronoUnit.HOURS).toString());
        assertThat(failover.get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(failover.get(0).path("successes").asInt())
                .as("verified, as the learner counts it, even the one a later failure rolled back").isEqualTo(2);
        assertThat(failover.get(0).path("failures").asInt()).isEqualTo(1);
        assertThat(failover.get(0).path("rolledBack").asInt()).isEqualTo(1);
        assertThat(failover.get(0).path("cumulativeSuccessRate").asDouble()).isEqualTo(2 / 3.0);
        assertThat(learning.path("actions").findValuesAsText("action"))
                .as("an alert step names no success criteria and a rollback step proves nothing about the problem:"
                        + " they ran, but the learner does not count them")
                .doesNotContain("alert", "restore");

        running.clock.advance(Duration.ofHours(2));
        assertThat(running.get("/api/v1/learning?hours=1", running.viewer).json().path("actions"))
                .as("older than the window").isEmpty();
    }
}
