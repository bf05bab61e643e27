package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.CallContext;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.StepOrder;
import io.homeostat.engine.execute.TestActions;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessConfig;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.ServiceSelector;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Alternatives (workflows, a step's actions) ranked by learned effectiveness, recency and risk, with reasons. */
class AlternativeRankingTest {

    private static final Problem PROBLEM = new Problem("db:primary|errors|connection", "database");

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final EffectivenessLearner learner = EffectivenessLearner.builder().store(new InMemoryEffectivenessStore())
            .config(EffectivenessConfig.ofDefaults().withExplorationShare(0)).clock(clock).build();
    private final AlternativeRanking ranking = new AlternativeRanking(learner, clock, Duration.ofDays(30));
    private final AtomicInteger ids = new AtomicInteger();

    private void outcomes(String action, int successes, int failures, Instant at) {
        for (int i = 0; i < failures; i++) {
            learner.record(RecoveryOutcome.failure("o" + ids.incrementAndGet(), PROBLEM, action, at));
        }
        for (int i = 0; i < successes; i++) {
            learner.record(RecoveryOutcome.success("o" + ids.incrementAndGet(), PROBLEM, action, Duration.ofSeconds(40), at));
        }
    }

    private List<String> order(List<Candidate> candidates) {
        return ranking.rank(PROBLEM, candidates).stream().map(AlternativeRanking.Ranked::action).toList();
    }

    @Test
    void aProvenRecordBeatsALuckyOne() {
        outcomes("failover", 9, 1, clock.instant().minus(Duration.ofHours(1)));
        outcomes("reset_pool", 2, 0, clock.instant().minus(Duration.ofHours(1)));

        List<AlternativeRanking.Ranked> ranked = ranking.rank(PROBLEM,
                List.of(new Candidate("reset_pool", Risk.LOW), new Candidate("failover", Risk.MEDIUM)));

        assertThat(ranked).extracting(AlternativeRanking.Ranked::action).containsExactly("failover", "reset_pool");
        assertThat(ranked.getFirst().why()).startsWith("9/10 verified on db:primary|errors|connection (lower bound 0.6")
                .contains("last 60 min ago").contains("medium risk");
    }

    @Test
    void oldEvidenceCountsLessThanRecentEvidence() {
        outcomes("failover", 9, 1, clock.instant().minus(Duration.ofDays(200)));
        outcomes("reset_pool", 8, 2, clock.instant().minus(Duration.ofDays(1)));

        List<AlternativeRanking.Ranked> ranked = ranking.rank(PROBLEM,
                List.of(new Candidate("failover", Risk.MEDIUM), new Candidate("reset_pool", Risk.MEDIUM)));

        assertThat(ranked).extracting(AlternativeRanking.Ranked::action).containsExactly("reset_pool", "failover");
        assertThat(ranked.getLast().why()).contains("last 200 d ago, recency weight 0.01");
    }

    @Test
    void untriedAlternativesGoByRiskThenAsGiven() {
        assertThat(order(List.of(new Candidate("restart_process", Risk.HIGH), new Candidate("clear_cache", Risk.LOW),
                new Candidate("scale", Risk.MEDIUM), new Candidate("alert", Risk.LOW))))
                .containsExactly("clear_cache", "alert", "scale", "restart_process");
    }

    @Test
    void whatKeepsFailingIsDemotedAndSaysSo() {
        outcomes("failover", 5, 0, clock.instant().minus(Duration.ofDays(3)));
        outcomes("failover", 0, 3, clock.instant().minus(Duration.ofHours(2)));
        outcomes("reset_pool", 1, 1, clock.instant().minus(Duration.ofHours(2)));

        List<AlternativeRanking.Ranked> ranked = ranking.rank(PROBLEM,
                List.of(new Candidate("failover", Risk.MEDIUM), new Candidate("reset_pool", Risk.MEDIUM)));

        assertThat(ranked).extracting(AlternativeRanking.Ranked::action).containsExactly("reset_pool", "failover");
        assertThat(ranked.getLast().why()).contains("demoted: 3 failures in a row");
    }

    @Test
    void theLearnedStepOrderRanksAStepsAlternativesOnTheRunsProblem() {
        outcomes("restart", 9, 1, clock.instant().minus(Duration.ofHours(1)));
        outcomes("gc", 1, 4, clock.instant().minus(Duration.ofHours(1)));
        ActionCatalog actions = ActionCatalog.of(List.of(action("gc", RiskLevel.LOW), action("restart", RiskLevel.MEDIUM)));
        WorkflowStep step = new WorkflowStep("free", "gc", Map.of(), List.of(), io.homeostat.engine.plan.OnFailure.ROLLBACK,
                WorkflowStep.DEFAULT_TIMEOUT, Duration.ZERO, 1, Duration.ofSeconds(1),
                List.of(new io.homeostat.engine.plan.StepAlternative("gc", Map.of()),
                        new io.homeostat.engine.plan.StepAlternative("restart", Map.of())));
        WorkflowRun run = WorkflowRun.start("run-1", "inc-1", "w", "db:primary", TriggerType.MANUAL, clock.instant(),
                clock.instant().plusSeconds(600), clock.instant());

        List<StepOrder.RankedAlternative> learned = new LearnedStepOrder(learner, actions, r -> Optional.of(PROBLEM), clock,
                Duration.ofDays(30)).order(run, null, step, step.options());
        List<StepOrder.RankedAlternative> unknown = new LearnedStepOrder(learner, actions, r -> Optional.empty(), clock,
                Duration.ofDays(30)).order(run, null, step, step.options());

        assertThat(learned).extracting(r -> r.alternative().action()).containsExactly("restart", "gc");
        assertThat(learned.getFirst().why()).contains("9/10 verified");
        assertThat(unknown).extracting(r -> r.alternative().action()).containsExactly("gc", "restart");
        assertThat(unknown.getFirst().why()).isEqualTo("no known problem to rank on; as written");
    }

    @Test
    void theLearnedWorkflowOrderAuditsWhyEachWorkflowIsWhereItIs() {
        ActionCatalog actions = ActionCatalog.of(List.of(action("gc", RiskLevel.LOW), action("restart", RiskLevel.MEDIUM)));
        Workflow gentle = workflow("gentle", "gc", 10);
        Workflow firm = workflow("firm", "restart", 0);
        outcomes("workflow:firm", 6, 0, clock.instant().minus(Duration.ofHours(3)));
        outcomes("workflow:gentle", 0, 2, clock.instant().minus(Duration.ofHours(3)));
        List<AuditEntry> audit = new CopyOnWriteArrayList<>();
        LearnedWorkflowOrder order = new LearnedWorkflowOrder(learner, actions, audit::add, clock, Duration.ofDays(30));
        Incident incident = Incident.builder().id("inc-1").fingerprint(PROBLEM.fingerprint()).title("db errors")
                .addService("db:primary").severity(io.homeostat.engine.detect.Severity.HIGH).openedAt(clock.instant()).build();

        List<Workflow> ordered = order.order(new RecoveryTrigger("inc-1", TriggerType.MANUAL, "db:primary", "database"),
                incident, List.of(gentle, firm));

        assertThat(ordered).extracting(Workflow::name).containsExactly("firm", "gentle");
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo("plan.ranked");
            assertThat(a.incidentId()).isEqualTo("inc-1");
            assertThat(a.reason()).startsWith("workflow firm first of 2 by learned effectiveness:");
            assertThat(a.evidence()).containsEntry("order", "firm,gentle");
            assertThat(a.evidence().get("why.firm")).startsWith("6/6 verified").contains("medium risk");
            assertThat(a.evidence().get("why.gentle")).startsWith("0/2 verified");
        });
    }

    private Workflow workflow(String name, String action, int priority) {
        return new Workflow(name, "", Set.of(TriggerType.MANUAL), new ServiceSelector(List.of("*")), Set.of(),
                List.of(WorkflowStep.of("only", action, Map.of())), List.of(), Duration.ofMinutes(10), priority,
                CallContext.DEFAULT);
    }

    private static Action action(String name, RiskLevel risk) {
        return TestActions.of(name, risk, request -> ActionResult.of(name));
    }
}
