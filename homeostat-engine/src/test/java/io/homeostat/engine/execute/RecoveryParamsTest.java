package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.control.KernelControl;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A step whose action cannot take its parameters: refused with the workflows, or failed like any step, never retried for ever. */
class RecoveryParamsTest {

    private static final String TWO_STEPS = """
            workflows:
              - name: two-steps
                trigger: error_threshold
                steps:
                  - {name: first, action: low}
                  - {name: degrade, action: medium, on_failure: rollback}
                rollback:
                  - {name: note, action: low}
            """;

    private static final String SIDEWAYS = """
            workflows:
              - name: degrade
                trigger: error_threshold
                steps:
                  - {name: shed, action: set_degradation, params: {level: sideways}}
            """;

    @Test
    void aParameterTheActionDoesNotTakeIsRefusedNamingTheOnesItTakes() {
        Recovery r = new Recovery(TWO_STEPS);
        ActionCatalog standard = StandardActions.catalog(KernelControl.builder().build(), List.of(), n -> { }, List.of(),
                List.of(), r.clock, List.of());
        RecoveryOrchestratorBuilder typo = RecoveryOrchestrator.builder().store(r.runs).actions(standard)
                .tracker(r.tracker).metrics((s, m) -> OptionalDouble.empty()).clock(r.clock)
                .workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", """
                        workflows:
                          - name: page
                            trigger: error_threshold
                            steps: [{name: tell, action: alert, params: {sevrity: critical}}]
                        """)));
        assertThatThrownBy(typo::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow page step tell gives action alert bad params: "
                        + "sevrity: not a parameter of alert; it takes [message, severity]");

        RecoveryOrchestratorBuilder extra = typo.workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml",
                SIDEWAYS.replace("sideways", "read_only, extra: 1"))));
        assertThatThrownBy(extra::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("extra: not a parameter of set_degradation; it takes [level]");
        RecoveryOrchestratorBuilder none = typo.workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", """
                workflows:
                  - {name: gc, trigger: manual, steps: [{name: collect, action: trigger_gc, params: {full: yes}}]}
                """)));
        assertThatThrownBy(none::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("full: not a parameter of trigger_gc; it takes none");
    }

    @Test
    void aWorkflowGivingAnActionParametersItRefusesIsNotTakenAtBuildNorAtReplacement() {
        Recovery r = new Recovery(TWO_STEPS);
        ActionCatalog standard = StandardActions.catalog(KernelControl.builder().build(), List.of(), n -> { }, List.of(),
                List.of(), r.clock, List.of());
        WorkflowCatalog sideways = WorkflowCatalog.of(WorkflowReader.read("test.yaml", SIDEWAYS));

        assertThatThrownBy(() -> RecoveryOrchestrator.builder().store(r.runs).workflows(sideways).actions(standard)
                .tracker(r.tracker).metrics((s, m) -> OptionalDouble.empty()).clock(r.clock).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("workflow degrade step shed gives action set_degradation bad params: "
                        + "level: unknown degradation level 'sideways'");

        RecoveryOrchestrator orchestrator = RecoveryOrchestrator.builder().store(r.runs)
                .workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", SIDEWAYS.replace("sideways", "essential"))))
                .actions(standard).tracker(r.tracker).metrics((s, m) -> OptionalDouble.empty()).clock(r.clock)
                .build();
        WorkflowCatalog before = orchestrator.workflows();
        assertThatThrownBy(() -> orchestrator.replaceWorkflows(sideways)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown degradation level 'sideways'");
        assertThat(orchestrator.workflows()).isSameAs(before);
    }

    @Test
    void aStepWhoseActionCannotReadItsParametersFailsThroughItsOnFailure() {
        Recovery r = new Recovery(TWO_STEPS);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.medium.badParams = "unknown degradation level 'sideways'";

        String run = r.recover(orchestrator, r.incident("orders")).runId();
        r.run(orchestrator, Duration.ofSeconds(1), 3);

        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.low.rollbacks).as("the first step undone").hasSize(1);
        assertThat(r.low.runs).as("the first step, then the rollback step").hasSize(2);
        assertThat(r.decisions(run)).doesNotContain("run.error").containsSubsequence("step.acted", "step.failed",
                "run.rolling-back", "step.rolled-back", "run.rolled-back");
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.failed")).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("bad params for medium: unknown degradation level 'sideways'"));
        assertThat(orchestrator.tickFailures()).isZero();
        assertThat(r.escalations).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.RECOVERY_FAILED));
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.ESCALATED);
    }

    @Test
    void inShadowModeSuchAStepIsRecordedAsWhatWouldHappenAndNothingRuns() {
        Recovery r = new Recovery(TWO_STEPS);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.flags.mode(AutomationMode.SHADOW);
        r.medium.badParams = "unknown degradation level 'sideways'";

        String run = r.recover(orchestrator, r.incident("orders")).runId();
        r.run(orchestrator, Duration.ofSeconds(1), 3);

        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.SHADOWED);
        assertThat(r.low.runs).as("not the rollback step either").isEmpty();
        assertThat(r.runs.steps(run)).extracting(StepRecord::detail).last()
                .isEqualTo("would fail: bad params for medium: unknown degradation level 'sideways'");
        assertThat(r.decisions(run)).doesNotContain("run.error");
        assertThat(r.escalations).isEmpty();
    }

    @Test
    void aRunThatFailsOnEveryTickEndsEscalatedAfterTenInARow() {
        Recovery r = new Recovery("""
                workflows:
                  - name: verified
                    trigger: error_threshold
                    steps:
                      - {name: act, action: low, success: [{metric: error_rate, below: 0.01, for: 30s}], timeout: 1h}
                """);
        AtomicBoolean broken = new AtomicBoolean();
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.metrics((service, metric) -> {
            if (broken.get()) {
                throw new IllegalStateException("metrics backend answers garbage");
            }
            return OptionalDouble.of(0.3);
        }));
        String run = r.recover(orchestrator, r.incident("orders")).runId();
        assertThat(r.low.runs).hasSize(1);
        broken.set(true);

        r.run(orchestrator, Duration.ofSeconds(1), RecoveryOrchestrator.MAX_RUN_ERRORS - 1);
        assertThat(r.runs.find(run).orElseThrow().phase()).as("a passing error is tried again").isEqualTo(RunPhase.RUNNING);

        r.run(orchestrator, Duration.ofSeconds(1), 1);
        WorkflowRun escalated = r.runs.find(run).orElseThrow();
        assertThat(escalated.phase()).isEqualTo(RunPhase.ESCALATED);
        assertThat(escalated.reason()).startsWith("failed on 10 ticks in a row, last: java.lang.IllegalStateException");
        assertThat(r.escalations).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.RECOVERY_FAILED);
            assertThat(e.message()).contains("metrics backend answers garbage");
        });
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.ESCALATED);
        assertThat(r.runs.active()).as("its slot is free").isEmpty();

        r.run(orchestrator, Duration.ofSeconds(1), 5);
        assertThat(r.decisions(run)).filteredOn("run.error"::equals).hasSize(RecoveryOrchestrator.MAX_RUN_ERRORS);
        assertThat(orchestrator.tickFailures()).isEqualTo(RecoveryOrchestrator.MAX_RUN_ERRORS);
    }
}
