package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A crash is a new orchestrator (and tracker) over the same stores; the old one is dropped. */
class RecoveryResumeTest {

    private static final String WORKFLOW = """
            workflows:
              - name: three-steps
                trigger: error_threshold
                steps:
                  - name: first
                    action: low
                    success: [{metric: error_rate, below: 0.01, for: 30s}]
                  - {name: second, action: medium}
                  - {name: third, action: warm}
            """;

    private final Recovery r = new Recovery(WORKFLOW);

    private RecoveryOrchestrator restart() {
        r.tracker = IncidentTracker.builder(r.incidents).clock(r.clock).build();
        return r.orchestrator();
    }

    @Test
    void aRunBetweenStepsResumesFromItsLastCompletedStepWithoutRepeatingIt() {
        RecoveryOrchestrator before = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.0);
        String run = r.recover(before, incident).runId();
        r.run(before, Duration.ofSeconds(10), 1);
        assertThat(r.runs.find(run).orElseThrow().stepState()).isEqualTo(StepState.VERIFYING);

        RecoveryOrchestrator after = restart();
        r.run(after, Duration.ofSeconds(10), 3);

        assertThat(r.low.runs).as("the first step ran once, before the crash").hasSize(1);
        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.warm.runs).hasSize(1);
        assertThat(after.run(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.decisions(run)).containsSubsequence("step.acted", "run.resumed", "step.verified", "run.succeeded");
        assertThat(r.incidents.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aRunCaughtInTheMiddleOfAnActionRollsBackAndNeverRepeatsIt() {
        RecoveryOrchestrator before = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.0);
        r.medium.crash = true;
        String run = r.recover(before, incident).runId();
        assertThatThrownBy(() -> r.run(before, Duration.ofSeconds(30), 1)).isInstanceOf(CountingAction.Crash.class);
        assertThat(r.runs.find(run).orElseThrow().stepState()).isEqualTo(StepState.ACTING);
        assertThat(r.phases(run)).endsWith(StepPhase.STARTED);
        r.medium.crash = false;

        RecoveryOrchestrator after = restart();
        r.run(after, Duration.ofSeconds(10), 2);

        assertThat(after.run(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.medium.runs).as("the interrupted action is not run again").hasSize(1);
        assertThat(r.low.rollbacks).as("the completed first step is undone").containsExactly(r.low.runs.getFirst());
        assertThat(r.warm.runs).isEmpty();
        assertThat(r.decisions(run)).containsSubsequence("run.resumed", "run.rolling-back", "step.rolled-back",
                "run.rolled-back");
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.ESCALATED);
    }

    @Test
    void anIdempotencyKeyClaimedBeforeIsNeverRunAgain() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.0);
        String run = r.recover(orchestrator, incident).runId();
        r.runs.claim(incident.id() + "/" + run + "/second#1", "someone-else");

        r.run(orchestrator, Duration.ofSeconds(10), 4);

        assertThat(r.medium.runs).isEmpty();
        assertThat(r.decisions(run)).contains("step.duplicate");
        assertThat(orchestrator.run(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
    }

    @Test
    void aProcessThatLostTheLeaseDoesNotActUntilItLeadsAgain() {
        long[] newest = {7};
        r.fencing = new Fencing() {
            @Override
            public long token() {
                return 7;
            }

            @Override
            public boolean valid(long token) {
                return token == newest[0];
            }
        };
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.0);
        String run = r.recover(orchestrator, incident).runId();
        newest[0] = 8;

        r.run(orchestrator, Duration.ofSeconds(10), 4);

        assertThat(r.low.runs).hasSize(1);
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.decisions(run)).filteredOn("fencing.lost"::equals).as("audited once, not at every tick").hasSize(1);
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.RUNNING);

        newest[0] = 7; // it leads again
        r.run(orchestrator, Duration.ofSeconds(10), 2);

        assertThat(r.medium.runs).hasSize(1);
    }
}
