package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.KernelControl;
import io.homeostat.engine.execute.StartResult.Outcome;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.WorkflowCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code scale} and {@code restart_process} from workflow YAML: scale out, restart, verify; undo the scaling if the restart cannot happen. */
class RestartAndScaleWorkflowTest {

    private static final String MEMORY_RELIEF = """
            workflows:
              - name: memory-relief
                trigger: [error_threshold]
                services: "*"
                steps:
                  - name: scale-out
                    action: scale
                    params: {target: workers, by: "+1"}
                  - name: restart
                    action: restart_process
                    params: {component: "${service}", drain: 5s}
                    success: [{metric: memory_used, below: 0.8, for: 30s}]
                    timeout: 2m
            """;

    private final Recovery r = new Recovery(MEMORY_RELIEF);
    private final AtomicInteger workers = new AtomicInteger(2);
    private final List<String> restarted = new CopyOnWriteArrayList<>();

    private RecoveryOrchestrator orchestrator(KernelControl control) {
        ActionCatalog actions = StandardActions.catalog(control, List.of(), r.escalations::add, List.of(), List.of(),
                r.clock, List.of());
        return r.orchestrator(b -> b.actions(actions));
    }

    @Test
    void scalesOutRestartsTheManagedComponentAndVerifiesOnFreshReadings() {
        KernelControl control = KernelControl.builder()
                .capacity("workers", ControlledCapacity.of(1, 4, workers::get, workers::set))
                .restartable("reports", (drain, reason) -> {
                    restarted.add("reports after " + drain);
                    return "restarted";
                }).build();
        RecoveryOrchestrator orchestrator = orchestrator(control);
        Incident incident = r.incident("reports");
        r.metrics.put("reports/memory_used", 0.95);

        StartResult start = r.recover(orchestrator, incident);
        assertThat(start.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(workers.get()).isEqualTo(3);
        assertThat(restarted).containsExactly("reports after PT5S");

        r.metrics.put("reports/memory_used", 0.4);
        r.run(orchestrator, Duration.ofSeconds(10), 4);

        assertThat(orchestrator.run(start.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.decisions(start.runId())).contains("step.acted", "step.verified", "run.succeeded");
    }

    @Test
    void aComponentThatIsNotManagedIsNotRestartedAndTheScalingIsUndone() {
        KernelControl control = KernelControl.builder()
                .capacity("workers", ControlledCapacity.of(1, 4, workers::get, workers::set)).build();
        RecoveryOrchestrator orchestrator = orchestrator(control);
        Incident incident = r.incident("reports");

        StartResult start = r.recover(orchestrator, incident);
        r.run(orchestrator, Duration.ofSeconds(1), 2);

        assertThat(restarted).isEmpty();
        assertThat(workers.get()).as("the scale step rolled back").isEqualTo(2);
        assertThat(orchestrator.run(start.runId()).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.audit).anySatisfy(a -> {
            assertThat(a.decision()).isEqualTo("step.prerequisite-unmet");
            assertThat(a.reason()).startsWith("reports is not managed");
        });
    }

    @Test
    void theShippedMemoryLeakWorkflowUsesTheManagedCapacityAndComponentWhenTheApplicationRegisteredThem() {
        KernelControl control = KernelControl.builder()
                .capacity("orders", ControlledCapacity.of(1, 4, workers::get, workers::set))
                .restartable("orders", (drain, reason) -> {
                    restarted.add("orders after " + drain);
                    return "restarted";
                }).build();
        r.workflows = WorkflowCatalog.of(DefaultWorkflows.load());
        RecoveryOrchestrator orchestrator = orchestrator(control);
        Incident incident = r.incident("orders");

        StartResult start = orchestrator.recover(new RecoveryTrigger(incident.id(), TriggerType.PREDICTION, "orders",
                "resource"));
        assertThat(workers.get()).as("scaled out by one at once").isEqualTo(3);
        r.run(orchestrator, Duration.ofSeconds(30), 2);

        assertThat(restarted).containsExactly("orders after PT30S");
        assertThat(orchestrator.run(start.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.runs.steps(start.runId())).filteredOn(rec -> rec.phase() == StepPhase.CHOSEN)
                .extracting(StepRecord::action).containsExactly("scale", "restart_process");
    }
}
