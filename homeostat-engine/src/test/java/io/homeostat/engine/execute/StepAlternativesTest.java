package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.StepAlternative;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step that offers alternatives: one is chosen by the step order, recorded, kept on resume, undone on rollback. */
class StepAlternativesTest {

    private static final String WORKFLOW = """
            workflows:
              - name: relieve
                trigger: [error_threshold]
                services: "*"
                steps:
                  - name: relieve
                    alternatives:
                      - {action: medium, params: {how: gently}}
                      - {action: low, params: {how: quickly}}
                    success: [{metric: error_rate, below: 0.01, for: 30s}]
                    timeout: 2m
                  - name: then
                    action: warm
                    on_failure: rollback
            """;

    private final Recovery r = new Recovery(WORKFLOW);

    /** Puts {@code low} first, saying why. */
    private final StepOrder lowFirst = (run, workflow, step, options) -> List.of(
            new StepOrder.RankedAlternative(options.get(1), "proven"),
            new StepOrder.RankedAlternative(options.get(0), "untried"));

    @Test
    void asWrittenRunsTheFirstAlternativeAndRecordsTheChoice() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");

        StartResult start = r.recover(orchestrator, incident);

        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.low.runs).isEmpty();
        assertThat(r.runs.steps(start.runId())).first().satisfies(rec -> {
            assertThat(rec.phase()).isEqualTo(StepPhase.CHOSEN);
            assertThat(rec.action()).isEqualTo("medium");
            assertThat(rec.data()).containsEntry("order", "medium,low");
        });
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.ranked")).singleElement().satisfies(a -> {
            assertThat(a.reason()).startsWith("chose medium of medium,low:");
            assertThat(a.evidence()).containsEntry("why.medium", "as written").containsEntry("step", "relieve");
        });
    }

    @Test
    void theStepOrderDecidesAndTheActionGetsTheAlternativesParams() {
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.stepOrder(lowFirst));
        Incident incident = r.incident("orders");

        r.recover(orchestrator, incident);

        assertThat(r.low.runs).hasSize(1);
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.acted")).singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsEntry("action", "low"));
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.ranked")).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("chose low of low,medium: low - proven; medium - untried;"));
    }

    @Test
    void anAlternativeWhosePrerequisiteIsUnmetIsSkipped() {
        r.low.unmet = "no replica";
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.stepOrder(lowFirst));
        Incident incident = r.incident("orders");

        r.recover(orchestrator, incident);

        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.ranked")).singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsEntry("skipped", "low (no replica)"));
    }

    @Test
    void aResumedRunKeepsTheChoiceAndARollbackUndoesTheChosenAlternative() {
        RecoveryOrchestrator first = r.orchestrator(b -> b.stepOrder(lowFirst));
        Incident incident = r.incident("orders");
        StartResult start = r.recover(first, incident);
        assertThat(r.low.runs).hasSize(1);

        RecoveryOrchestrator second = r.orchestrator();
        r.metrics.put("orders/error_rate", 0.0);
        r.warm.failuresLeft.set(1);
        r.run(second, Duration.ofSeconds(10), 5);

        assertThat(r.medium.runs).as("the new process does not choose again").isEmpty();
        assertThat(r.phases(start.runId())).containsOnlyOnce(StepPhase.CHOSEN);
        assertThat(second.run(start.runId()).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.low.rollbacks).hasSize(1);
        assertThat(r.medium.rollbacks).isEmpty();
    }

    @Test
    void aStepOrderThatFailsOrLeavesOptionsOutFallsBackToTheOrderAsWritten() {
        RecoveryOrchestrator failing = r.orchestrator(b -> b.stepOrder((run, workflow, step, options) -> {
            throw new IllegalStateException("store away");
        }));
        r.recover(failing, r.incident("orders"));

        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.ranked")).singleElement()
                .satisfies(a -> assertThat(a.evidence().get("why.medium")).contains("the step order failed"));

        RecoveryOrchestrator partial = r.orchestrator(b -> b.stepOrder((run, workflow, step, options) -> List.of(
                new StepOrder.RankedAlternative(options.get(1), "proven"))));
        r.recover(partial, r.incident("billing"));

        assertThat(r.low.runs).hasSize(1);
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.ranked")).last()
                .satisfies(a -> assertThat(a.evidence()).containsEntry("order", "low,medium")
                        .containsEntry("why.medium", "left out by the step order; as written"));
    }

    @Test
    void theStepExposesItsOptions() {
        var step = r.workflows.find("relieve").orElseThrow().steps().getFirst();

        assertThat(step.options()).containsExactly(new StepAlternative("medium", Map.of("how", "gently")),
                new StepAlternative("low", Map.of("how", "quickly")));
        assertThat(step.as(step.options().get(1)).params()).containsEntry("how", "quickly");
    }
}
