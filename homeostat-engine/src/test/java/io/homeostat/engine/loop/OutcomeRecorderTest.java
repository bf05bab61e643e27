package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the learner hears of a run: verified steps and runs count, steps and runs that verified nothing do not. */
class OutcomeRecorderTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final EffectivenessLearner learner = EffectivenessLearner.builder().store(new InMemoryEffectivenessStore())
            .clock(clock).build();
    private final OutcomeRecorder recorder = new OutcomeRecorder(learner, id -> Optional.of("fp-orders"));
    private final Problem problem = new Problem("fp-orders", "db");

    private void audit(String decision, Map<String, String> evidence) {
        recorder.record(new AuditEntry(clock.instant(), "homeostat", decision, "inc-1", "run-1", "", evidence));
        clock.advance(Duration.ofSeconds(5));
    }

    private void started() {
        audit("run.started", Map.of("workflow", "wf", "category", "db"));
    }

    private static Map<String, String> step(String name, String action) {
        return Map.of("step", name, "action", action, "workflow", "wf", "attempt", "1");
    }

    @Test
    void aStepThatNamesNoSuccessCriteriaIsNeitherASuccessNorAFailure() {
        started();
        audit("step.acted", step("checked", "failover"));
        audit("step.verified", step("checked", "failover"));
        audit("step.acted", step("unchecked", "warm_cache"));
        audit("step.done", step("unchecked", "warm_cache"));
        audit("run.succeeded", Map.of("workflow", "wf", "verified", "true"));

        assertThat(learner.effectiveness(problem, "failover").orElseThrow().successes()).isEqualTo(1);
        assertThat(learner.effectiveness(problem, "warm_cache")).isEmpty();
        assertThat(learner.effectiveness(problem, "workflow:wf").orElseThrow().successes()).isEqualTo(1);
        assertThat(recorder.recorded()).isEqualTo(2);
    }

    @Test
    void aRunThatVerifiedNothingIsNotAWorkflowSuccess() {
        started();
        audit("step.acted", step("unchecked", "restart"));
        audit("step.done", step("unchecked", "restart"));
        audit("run.succeeded", Map.of("workflow", "wf", "verified", "false"));

        assertThat(learner.effectiveness(problem, "workflow:wf")).isEmpty();
        assertThat(learner.effectiveness(problem, "restart")).isEmpty();
        assertThat(recorder.recorded()).isZero();
    }

    @Test
    void aStepWithoutCriteriaWhoseActionFailedIsStillAFailure() {
        started();
        audit("step.failed", step("unchecked", "restart"));
        audit("run.aborted", Map.of("workflow", "wf"));

        assertThat(learner.effectiveness(problem, "restart").orElseThrow().failures()).isEqualTo(1);
        assertThat(learner.effectiveness(problem, "workflow:wf").orElseThrow().failures()).isEqualTo(1);
    }
}
