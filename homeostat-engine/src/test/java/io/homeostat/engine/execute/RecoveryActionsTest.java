package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.RecoveryAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator's step records carry what a recovery action row needs: parameters and approver (issue 4). */
class RecoveryActionsTest {

    private final Recovery r = new Recovery("""
            workflows:
              - name: restart
                trigger: error_threshold
                steps:
                  - {name: restart, action: high, params: {replicas: "3", target: "${service}"}}
            """);
    private final RecoveryOrchestrator orchestrator = r.orchestrator();
    private final Incident incident = r.incident("orders");

    @Test
    void anApprovedActionNamesThePersonAndItsParameters() {
        String run = r.recover(orchestrator, incident).runId();

        orchestrator.approve(run, "alice", "go ahead");

        List<RecoveryAction> actions = r.runs.actions(run);
        assertThat(actions).hasSize(1);
        RecoveryAction action = actions.getFirst();
        assertThat(action.status()).isEqualTo(RecoveryAction.Status.SUCCEEDED);
        assertThat(action.automated()).isFalse();
        assertThat(action.triggeredBy()).isEqualTo("alice");
        assertThat(action.parameters()).isEqualTo(Map.of("replicas", "3", "target", "orders"));
        assertThat(action.strategy()).isEqualTo("restart");
        assertThat(action.type()).isEqualTo("high");
        assertThat(action.incidentId()).isEqualTo(incident.id());
        assertThat(action.completedAt()).isPresent();
    }
}
