package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.plan.RiskLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit of a rolling back run says what happened to each step: undone, nothing to undo, rollback step acted. */
class RollbackAuditTest {

    private static final String WORKFLOW = """
            workflows:
              - name: shed
                trigger: error_threshold
                steps:
                  - {name: first, action: tell}
                  - {name: degrade, action: medium, on_failure: rollback}
                rollback:
                  - {name: told, action: tell}
            """;

    /** An action like {@code alert}: it acts, and there is nothing to undo. */
    private static final Action TELL = TestActions.of("tell", RiskLevel.LOW, request -> ActionResult.of("told people"));

    @Test
    void aStepWithNothingToUndoIsAuditedAsSuchAndTheRollbackStepAsActed() {
        Recovery r = new Recovery(WORKFLOW);
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.actions(ActionCatalog.of(List.of(TELL, r.medium))));
        r.medium.failuresLeft.set(1);

        String run = r.recover(orchestrator, r.incident("orders")).runId();
        r.run(orchestrator, Duration.ofSeconds(1), 4);

        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.decisions(run)).containsSubsequence("step.acted", "step.failed", "run.rolling-back",
                "step.rolled-back", "step.acted", "run.rolled-back");
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.rolled-back")).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("nothing to undo for first: tell cannot be undone");
            assertThat(a.evidence()).containsEntry("step", "first").containsEntry("undone", "false");
        });
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.acted")).last().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("told people");
            assertThat(a.evidence()).containsEntry("step", "told").containsEntry("rollback", "true")
                    .containsEntry("workflow", "shed");
        });
    }

    @Test
    void aFailedRollbackStepIsAuditedAsFailed() {
        Recovery r = new Recovery(WORKFLOW.replace("{name: told, action: tell}", "{name: told, action: low}"));
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.actions(ActionCatalog.of(List.of(TELL, r.low,
                r.medium))));
        r.medium.failuresLeft.set(1);
        r.low.failuresLeft.set(1);

        String run = r.recover(orchestrator, r.incident("orders")).runId();
        r.run(orchestrator, Duration.ofSeconds(1), 4);

        assertThat(r.decisions(run)).containsSubsequence("run.rolling-back", "step.rolled-back", "step.failed",
                "run.rolled-back");
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.failed")).last().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("low failed on purpose");
            assertThat(a.evidence()).containsEntry("step", "told").containsEntry("rollback", "true");
        });
    }

    @Test
    void aRollbackStepNamedLikeAStepThatRanStillRuns() {
        Recovery r = new Recovery(WORKFLOW.replace("{name: told, action: tell}", "{name: first, action: tell}"));
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.actions(ActionCatalog.of(List.of(TELL, r.medium))));
        r.medium.failuresLeft.set(1);

        String run = r.recover(orchestrator, r.incident("orders")).runId();
        r.run(orchestrator, Duration.ofSeconds(1), 4);

        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.acted"))
                .filteredOn(a -> "true".equals(a.evidence().get("rollback"))).singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsEntry("step", "first"));
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
    }
}
