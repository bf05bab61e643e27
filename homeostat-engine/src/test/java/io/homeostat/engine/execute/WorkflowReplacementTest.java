package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.execute.StartResult.Outcome;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Replacing the workflows of a running orchestrator: new runs use the new ones, runs under way keep theirs. */
class WorkflowReplacementTest {

    private static final String FIRST = """
            workflows:
              - name: heal
                trigger: [error_threshold]
                steps:
                  - name: first
                    action: low
                    success: [{metric: error_rate, below: 0.01, for: 30s}]
                    timeout: 5m
                  - {name: second, action: low}
            """;

    private static final String SECOND = """
            workflows:
              - name: heal
                trigger: [error_threshold]
                steps:
                  - {name: only, action: medium}
            """;

    private final Recovery r = new Recovery(FIRST);

    private static WorkflowCatalog catalog(String yaml) {
        return WorkflowCatalog.of(WorkflowReader.read("test.yaml", yaml));
    }

    @Test
    void aRunUnderWayFinishesWithItsDefinitionAndANewRunUsesTheNewOne() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.metrics.put("orders/error_rate", 0.2);
        String running = r.recover(orchestrator, r.incident("orders")).runId();
        assertThat(r.low.runs).hasSize(1);
        Workflow before = orchestrator.workflows().find("heal").orElseThrow();

        assertThat(orchestrator.replaceWorkflows(catalog(SECOND))).containsExactly(running);

        assertThat(orchestrator.workflows().find("heal").orElseThrow().steps()).hasSize(1);
        assertThat(orchestrator.workflowOf(orchestrator.run(running).orElseThrow())).contains(before);
        r.metrics.put("orders/error_rate", 0.0);
        r.run(orchestrator, Duration.ofSeconds(10), 5);
        assertThat(orchestrator.run(running).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.low.runs).as("the old definition's second step ran").hasSize(2);
        assertThat(r.medium.runs).isEmpty();

        r.metrics.put("payments/error_rate", 0.2);
        StartResult next = r.recover(orchestrator, r.incident("payments"));
        assertThat(next.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(r.medium.runs).hasSize(1);
        assertThat(orchestrator.workflowOf(orchestrator.run(next.runId()).orElseThrow()).orElseThrow().steps())
                .extracting(s -> s.name()).containsExactly("only");
    }

    @Test
    void aRunWhoseWorkflowDidNotChangeIsNotPinned() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.metrics.put("orders/error_rate", 0.2);
        r.recover(orchestrator, r.incident("orders"));

        assertThat(orchestrator.replaceWorkflows(catalog(FIRST))).isEmpty();
    }

    @Test
    void aWorkflowNamingAnUnknownActionReplacesNothing() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        WorkflowCatalog before = orchestrator.workflows();

        assertThatThrownBy(() -> orchestrator.replaceWorkflows(catalog(SECOND.replace("medium", "teleport"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown action 'teleport'");
        assertThat(orchestrator.workflows()).isSameAs(before);
    }
}
