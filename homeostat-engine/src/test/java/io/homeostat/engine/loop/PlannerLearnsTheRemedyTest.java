package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StartResult;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.learn.EffectivenessConfig;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * One problem recurs: errors on {@code orders}. Two workflows answer it. The one the catalog
 * prefers (higher priority) restarts a cache that does not help; the other fails over, which does.
 * With outcomes recorded from the orchestrator's decisions and workflows ordered by the learner,
 * the planner stops choosing the useless one after three failures and keeps the one that works.
 */
class PlannerLearnsTheRemedyTest {

    private static final String WORKFLOWS = """
            workflows:
              - name: a-clear-cache
                trigger: [error_threshold]
                services: ["*"]
                priority: 100
                timeout: 5m
                steps:
                  - name: clear
                    action: clear
                    success:
                      - {metric: error_rate, below: 0.01, for: 10s}
                    timeout: 30s
                    on_failure: rollback
              - name: b-fail-over
                trigger: [error_threshold]
                services: ["*"]
                priority: 50
                timeout: 5m
                steps:
                  - name: fail-over
                    action: failover
                    success:
                      - {metric: error_rate, below: 0.01, for: 10s}
                    timeout: 30s
                    on_failure: rollback
            """;

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).build();
    private final Map<String, Double> errorRate = new ConcurrentHashMap<>();
    private final EffectivenessLearner learner = EffectivenessLearner.builder().store(new InMemoryEffectivenessStore())
            .config(EffectivenessConfig.ofDefaults().withExplorationShare(0)).clock(clock).build();

    private record Fixed(String name, double errorsAfter, Map<String, Double> errorRate) implements Action {
        @Override
        public RiskLevel risk(Map<String, String> params) {
            return RiskLevel.LOW;
        }

        @Override
        public ActionResult run(ActionRequest request) {
            if (errorsAfter >= 0) {
                errorRate.put(request.service(), errorsAfter);
            }
            return ActionResult.of(name + " ran");
        }
    }

    @Test
    void overRepeatedIncidentsThePlannerMovesToTheWorkflowThatWorks() {
        ActionCatalog actions = ActionCatalog.of(List.of(new Fixed("clear", -1, errorRate),
                new Fixed("failover", 0.0, errorRate)));
        OutcomeRecorder outcomes = new OutcomeRecorder(learner, id -> tracker.active().stream()
                .filter(i -> i.id().equals(id)).findFirst().map(Incident::fingerprint));
        RecoveryOrchestrator orchestrator = RecoveryOrchestrator.builder().store(new InMemoryWorkflowStore())
                .workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", WORKFLOWS))).actions(actions)
                .tracker(tracker).clock(clock).audit(outcomes).order(new LearnedWorkflowOrder(learner, actions))
                .metrics((service, metric) -> {
                    Double v = errorRate.get(service);
                    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
                }).build();
        List<String> chosen = new ArrayList<>();
        List<RunPhase> ends = new ArrayList<>();
        String fingerprint = "";

        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofHours(1));
            errorRate.put("orders", 0.3);
            Incident incident = tracker.observe(new Detection("d" + i, "threshold", Detection.Kind.THRESHOLD,
                    Detection.Status.FIRING, new SeriesKey("orders", "error.rate"), "errors", "error-rate",
                    Severity.HIGH, 0.9, "errors on orders", Map.of(), clock.instant())).orElseThrow();
            fingerprint = incident.fingerprint();
            StartResult start = orchestrator.recover(new RecoveryTrigger(incident.id(), TriggerType.ERROR_THRESHOLD,
                    "orders", "errors"));
            assertThat(start.outcome()).isEqualTo(StartResult.Outcome.STARTED);
            chosen.add(orchestrator.run(start.runId()).orElseThrow().workflow());
            for (int t = 0; t < 10; t++) {
                clock.advance(Duration.ofSeconds(5));
                orchestrator.tick();
            }
            ends.add(orchestrator.run(start.runId()).orElseThrow().phase());
            if (tracker.active().stream().anyMatch(a -> a.id().equals(incident.id()))) {
                tracker.resolve(incident.id(), "ops", "fixed by hand");
            }
        }

        assertThat(chosen).containsExactly("a-clear-cache", "a-clear-cache", "a-clear-cache",
                "b-fail-over", "b-fail-over", "b-fail-over", "b-fail-over");
        assertThat(ends).containsExactly(RunPhase.ROLLED_BACK, RunPhase.ROLLED_BACK, RunPhase.ROLLED_BACK,
                RunPhase.SUCCEEDED, RunPhase.SUCCEEDED, RunPhase.SUCCEEDED, RunPhase.SUCCEEDED);
        Problem problem = new Problem(fingerprint, "errors");
        assertThat(learner.effectiveness(problem, "workflow:a-clear-cache").orElseThrow().failures()).isEqualTo(3);
        assertThat(learner.effectiveness(problem, "workflow:b-fail-over").orElseThrow().successes()).isEqualTo(4);
        assertThat(learner.effectiveness(problem, "clear").orElseThrow().attempts()).as("step outcomes too").isEqualTo(3);
        assertThat(learner.effectiveness(problem, "failover").orElseThrow().successes()).isEqualTo(4);
        assertThat(outcomes.recorded()).isEqualTo(14);
    }
}
