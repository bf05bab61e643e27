package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.StartResult.Outcome;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.TriggerType;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecoveryGatesTest {

    private static final String ONE_STEP = """
            workflows:
              - name: one
                trigger: error_threshold
                steps:
                  - {name: act, action: medium}
            """;

    @Test
    void aFourthConcurrentRecoveryIsHeldAndEscalated() {
        Recovery r = new Recovery("""
                workflows:
                  - name: slow
                    trigger: error_threshold
                    steps:
                      - {name: act, action: low, success: [{metric: error_rate, below: 0.01, for: 30s}]}
                """);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        for (String s : new String[] {"a", "b", "c"}) {
            assertThat(r.recover(orchestrator, r.incident(s)).outcome()).isEqualTo(Outcome.STARTED);
        }
        Incident fourth = r.incident("d");

        StartResult held = r.recover(orchestrator, fourth);

        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        assertThat(held.reason()).contains("3 recoveries are running (max 3)");
        assertThat(r.low.runs).hasSize(3);
        assertThat(r.escalations).anySatisfy(e -> assertThat(e.incidentId()).isEqualTo(fourth.id()));
        assertThat(r.audit).anySatisfy(a -> assertThat(a.decision()).isEqualTo("run.held"));
    }

    @Test
    void theSameActionOnTheSameServiceWaitsForItsCooldownInsteadOfPagingSomeone() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        StartResult first = r.recover(orchestrator, r.incident("orders"));
        assertThat(r.runs.find(first.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        r.clock.advance(Duration.ofMinutes(4));

        StartResult again = r.recover(orchestrator, r.incident("orders"));

        assertThat(r.medium.runs).as("not within the cooldown").hasSize(1);
        WorkflowRun waiting = r.runs.find(again.runId()).orElseThrow();
        assertThat(waiting.phase()).isEqualTo(RunPhase.RUNNING);
        assertThat(waiting.reason()).startsWith("waiting: ").contains("cooldown PT5M has PT1M left");
        assertThat(r.tracker.active().getFirst().status()).as("nobody paged for a timer")
                .isNotEqualTo(IncidentStatus.ESCALATED);
        r.run(orchestrator, Duration.ofSeconds(20), 2);
        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.audit).filteredOn(a -> a.decision().equals("gate.waiting")).as("audited once, not every tick")
                .singleElement().satisfies(a -> assertThat(a.evidence()).containsEntry("rule", "cooldown"));

        r.run(orchestrator, Duration.ofSeconds(20), 1);
        assertThat(r.medium.runs).as("once the cooldown passed, the waiting run acts").hasSize(2);
        r.recover(orchestrator, r.incident("payments"));
        assertThat(r.medium.runs).as("another service has its own cooldown").hasSize(3);
    }

    @Test
    void aStepThatWaitedOutACooldownHasItsWholeTimeoutToVerifyOnceItActs() {
        Recovery r = new Recovery("""
                workflows:
                  - name: checked
                    trigger: error_threshold
                    steps:
                      - {name: act, action: medium, timeout: 1m, success: [{metric: error_rate, below: 0.05, for: 10s}]}
                """);
        r.metrics.put("orders/error_rate", 0.0);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        StartResult first = r.recover(orchestrator, r.incident("orders"));
        r.run(orchestrator, Duration.ofSeconds(5), 3);
        assertThat(r.runs.find(first.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        r.cleared("orders"); // and the errors come back a minute later

        r.clock.advance(Duration.ofMinutes(1));
        StartResult again = r.recover(orchestrator, r.incident("orders"));
        assertThat(r.runs.find(again.runId()).orElseThrow().reason()).contains("cooldown"); // almost 4 min, more than 1
        r.run(orchestrator, Duration.ofSeconds(10), 30);

        assertThat(r.medium.runs).hasSize(2);
        assertThat(r.runs.find(again.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.unverified")).isEmpty();
    }

    @Test
    void aCooldownThatOutlastsTheWorkflowsTimeoutEscalatesAtOnce() {
        Recovery r = new Recovery(ONE_STEP);
        r.policy = new RecoveryPolicy(3, 20, Map.of(), Duration.ofDays(1), 5, Duration.ofMinutes(15));
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.recover(orchestrator, r.incident("orders"));

        StartResult again = r.recover(orchestrator, r.incident("orders"));

        WorkflowRun held = r.runs.find(again.runId()).orElseThrow();
        assertThat(held.phase()).isEqualTo(RunPhase.ESCALATED);
        assertThat(held.reason()).contains("cooldown PT24H").endsWith("the workflow's timeout comes first");
        assertThat(r.medium.runs).hasSize(1);
    }

    @Test
    void aRunWaitingForACooldownAfterItActedStopsWhenItsIncidentResolves() {
        Recovery r = new Recovery("""
                workflows:
                  - name: one
                    trigger: error_threshold
                    steps:
                      - {name: act, action: medium}
                  - name: two
                    trigger: error_threshold
                    steps:
                      - {name: probe, action: low}
                      - {name: act, action: medium}
                """);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.recover(orchestrator, r.incident("orders"));
        Incident second = r.incident("orders");

        StartResult two = orchestrator.recover(new RecoveryTrigger(second.id(), TriggerType.ERROR_THRESHOLD, "orders",
                "errors"), "two");
        r.run(orchestrator, Duration.ofSeconds(1), 3);
        WorkflowRun waiting = r.runs.find(two.runId()).orElseThrow();
        assertThat(waiting.actedYet()).as("the probe ran").isTrue();
        assertThat(waiting.reason()).startsWith("waiting: act: ");

        r.tracker.resolve(second.id(), "test", "recovered by itself");
        r.run(orchestrator, Duration.ofSeconds(1), 1);

        WorkflowRun skipped = r.runs.find(two.runId()).orElseThrow();
        assertThat(skipped.phase()).isEqualTo(RunPhase.SKIPPED);
        assertThat(skipped.reason()).startsWith("the incident resolved while step act waited");
        r.run(orchestrator, Duration.ofMinutes(10), 1);
        assertThat(r.medium.runs).as("nothing restarted after the incident resolved").hasSize(1);
    }

    @Test
    void runsWaitingForACooldownDoNotTakeTheSlotsOfOtherRecoveries() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        for (String s : new String[] {"a", "b", "c"}) {
            r.recover(orchestrator, r.incident(s));
        }
        for (String s : new String[] {"a", "b", "c"}) {
            assertThat(r.runs.find(r.recover(orchestrator, r.incident(s)).runId()).orElseThrow().reason())
                    .startsWith("waiting: ");
        }

        StartResult fourth = r.recover(orchestrator, r.incident("d"));

        assertThat(fourth.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(r.medium.runs).hasSize(4);
    }

    @Test
    void aDailyCapHoldsUntilTheNextDay() {
        Recovery r = new Recovery(ONE_STEP);
        r.policy = new RecoveryPolicy(3, 20, Map.of("medium", 1), Duration.ZERO, 5, Duration.ofMinutes(15));
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.recover(orchestrator, r.incident("a"));
        StartResult second = r.recover(orchestrator, r.incident("b"));

        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.runs.find(second.runId()).orElseThrow().reason()).contains("cap 1");

        r.clock.advance(Duration.ofDays(1));
        r.recover(orchestrator, r.incident("c"));
        assertThat(r.medium.runs).hasSize(2);
    }

    @Test
    void capsAndCooldownsSurviveARestart() {
        Recovery r = new Recovery(ONE_STEP);
        r.policy = new RecoveryPolicy(3, 20, Map.of("medium", 2), Duration.ofMinutes(5), 5, Duration.ofMinutes(15));
        RecoveryOrchestrator before = r.orchestrator();
        r.recover(before, r.incident("a"));
        r.recover(before, r.incident("b"));
        r.clock.advance(Duration.ofMinutes(1));

        RecoveryOrchestrator after = r.orchestrator();
        StartResult capped = r.recover(after, r.incident("c"));

        assertThat(r.medium.runs).hasSize(2);
        assertThat(r.runs.find(capped.runId()).orElseThrow().reason()).contains("ran 2 times today (cap 2)");

        r.policy = new RecoveryPolicy(3, 20, Map.of(), Duration.ofMinutes(5), 5, Duration.ofMinutes(15));
        RecoveryOrchestrator uncapped = r.orchestrator();
        r.tracker.resolve(r.tracker.active().getFirst().id(), "test", "done");
        r.cleared("a"); // and the errors on a come back: a new incident
        StartResult cooling = r.recover(uncapped, r.incident("a"));
        assertThat(r.runs.find(cooling.runId()).orElseThrow().reason()).contains("cooldown");
        assertThat(r.medium.runs).hasSize(2);
    }

    @Test
    void theRuntimesOwnIncidentsDoNotCountTowardTheBlastRadius() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.notCountedForBlastRadius(Set.of("homeostat")));
        Incident first = r.incident("svc-0");
        for (int i = 1; i < 5; i++) {
            r.incident("svc-" + i);
        }
        r.incident("homeostat"); // e.g. its ingest rate found unusual: six services, five counted

        StartResult started = r.recover(orchestrator, first);

        assertThat(started.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.recover(orchestrator, r.incident("svc-5")).reason()).as("the others still count")
                .contains("6 services have active incidents (blast radius 5)");
    }

    @Test
    void massFailureAboveTheBlastRadiusEscalatesInsteadOfActing() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident first = null;
        for (int i = 0; i < 6; i++) {
            Incident incident = r.incident("svc-" + i);
            first = first == null ? incident : first;
        }

        StartResult held = r.recover(orchestrator, first);

        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        assertThat(held.reason()).contains("6 services have active incidents (blast radius 5)");
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.incidents.find(first.id()).orElseThrow().status()).isEqualTo(IncidentStatus.ESCALATED);
    }

    @Test
    void aFlappingIncidentEscalatesInsteadOfActing() {
        Recovery r = new Recovery(ONE_STEP);
        Incident flapping = Incident.builder().id("flappy").fingerprint("orders|errors|x").title("flapping")
                .services(java.util.Set.of("orders")).severity(Severity.HIGH).openedAt(r.clock.instant())
                .flapping(true).build();
        r.incidents.save(flapping);
        r.tracker = IncidentTracker.builder(r.incidents).clock(r.clock).build();
        RecoveryOrchestrator orchestrator = r.orchestrator();

        StartResult held = r.recover(orchestrator, flapping);

        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        assertThat(held.reason()).contains("flapping");
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.escalations).hasSize(1);
    }

    @Test
    void theSafetyPolicyForbidsCachedDataForPrescriptiveCallsAndTheStepRollsBack() {
        Recovery r = new Recovery("""
                workflows:
                  - name: clinical
                    trigger: error_threshold
                    context: {operation: prescriptive, criticality: high}
                    steps:
                      - {name: first, action: low}
                      - {name: warm-cache, action: warm, on_failure: rollback}
                """);
        RecoveryOrchestrator orchestrator = r.orchestrator();

        String run = r.recover(orchestrator, r.incident("dosage")).runId();

        assertThat(r.warm.runs).isEmpty();
        assertThat(r.low.rollbacks).hasSize(1);
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.audit).anySatisfy(a -> {
            assertThat(a.decision()).isEqualTo("gate.forbidden");
            assertThat(a.evidence().get("rule")).startsWith("safety:prescriptive");
        });
    }

    @Test
    void theKillSwitchAndFlagsStopActing() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.flags.kill(true);
        assertThat(r.recover(orchestrator, r.incident("a")).outcome()).isEqualTo(Outcome.HELD);
        r.flags.kill(false).risk(RiskLevel.MEDIUM, false);
        String run = r.recover(orchestrator, r.incident("b")).runId();
        assertThat(r.runs.find(run).orElseThrow().reason()).contains("MEDIUM risk actions are turned off");
        r.flags.risk(RiskLevel.MEDIUM, true).action("medium", false);
        assertThat(r.runs.find(r.recover(orchestrator, r.incident("c")).runId()).orElseThrow().reason())
                .contains("action medium is turned off");
        r.flags.action("medium", true).service("d", false);
        assertThat(r.runs.find(r.recover(orchestrator, r.incident("d")).runId()).orElseThrow().reason())
                .contains("recovery of d is turned off");
        assertThat(r.medium.runs).isEmpty();
        r.flags.service("d", true);
        r.recover(orchestrator, r.incident("e"));
        assertThat(r.medium.runs).hasSize(1);
    }

    @Test
    void theKillSwitchHoldsTheUndoOfStepsThatActedAsItHoldsRollbackSteps() {
        Recovery r = new Recovery("""
                workflows:
                  - name: toggle-off
                    trigger: error_threshold
                    steps:
                      - name: toggle
                        action: low
                        success: [{metric: error_rate, below: 0.01, for: 30s}]
                        timeout: 1m
                        on_failure: rollback
                    rollback:
                      - {name: note, action: medium}
                """);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        r.metrics.put("orders/error_rate", 0.3);
        String run = r.recover(orchestrator, r.incident("orders")).runId();
        assertThat(r.low.runs).hasSize(1);

        r.flags.kill(true);
        r.run(orchestrator, Duration.ofSeconds(30), 3);

        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.low.rollbacks).as("the acted step is not undone").isEmpty();
        assertThat(r.medium.runs).as("the rollback step does not run").isEmpty();
        assertThat(r.phases(run)).doesNotContain(StepPhase.ROLLBACK_STARTED, StepPhase.ROLLED_BACK);
        assertThat(r.decisions(run)).doesNotContain("step.rolled-back");
        assertThat(r.audit).filteredOn(a -> a.decision().equals("step.held")).extracting(AuditEntry::reason)
                .containsExactly("kill switch is on: step toggle not undone",
                        "kill switch is on: rollback step note not run");
        assertThat(r.escalations).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.RECOVERY_FAILED);
            assertThat(e.message()).endsWith("held by the kill switch: undo of toggle, rollback step note");
        });
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.ESCALATED);
    }

    @Test
    void limitedModeRunsOnlyLowRiskActions() {
        Recovery r = new Recovery("""
                workflows:
                  - name: mixed
                    trigger: error_threshold
                    steps:
                      - {name: safe, action: low}
                      - {name: riskier, action: medium}
                """);
        r.flags.mode(AutomationMode.LIMITED);
        RecoveryOrchestrator orchestrator = r.orchestrator();

        String run = r.recover(orchestrator, r.incident("a")).runId();

        assertThat(r.low.runs).hasSize(1);
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ESCALATED);
        assertThat(r.runs.find(run).orElseThrow().reason()).contains("limited mode");
    }

    @Test
    void shadowModeActsOnNothingAndRecordsWhatItWouldDo() {
        Recovery r = new Recovery("""
                workflows:
                  - name: all
                    trigger: error_threshold
                    steps:
                      - {name: a, action: low}
                      - {name: b, action: medium}
                      - {name: c, action: high}
                """);
        r.flags.mode(AutomationMode.SHADOW);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("a");

        String run = r.recover(orchestrator, incident).runId();

        assertThat(r.low.runs).isEmpty();
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.high.runs).isEmpty();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.SHADOWED);
        assertThat(r.phases(run)).containsExactly(StepPhase.SHADOWED, StepPhase.SHADOWED, StepPhase.SHADOWED);
        assertThat(r.escalations).isEmpty();
        assertThat(r.incidents.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.OPEN);

        r.flags.mode(AutomationMode.MONITOR);
        r.recover(orchestrator, r.incident("b"));
        assertThat(r.low.runs).isEmpty();
        assertThat(r.escalations).hasSize(3).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.ALERT));
    }

    @Test
    void anAlreadyRecoveredIncidentGetsNoAction() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident resolved = r.incident("a");
        r.tracker.resolve(resolved.id(), "test", "came back by itself");

        assertThat(r.recover(orchestrator, resolved).outcome()).isEqualTo(Outcome.NOT_ACTIVE);

        r.triggerCheck = run -> false;
        RecoveryOrchestrator checking = r.orchestrator();
        String run = r.recover(checking, r.incident("b")).runId();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.SKIPPED);
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.decisions(run)).contains("run.skipped");
    }

    @Test
    void anUnmetPrerequisiteFailsTheStepWithoutActing() {
        Recovery r = new Recovery(ONE_STEP);
        r.medium.unmet = "no read replica";
        RecoveryOrchestrator orchestrator = r.orchestrator();

        String run = r.recover(orchestrator, r.incident("db")).runId();

        assertThat(r.medium.runs).isEmpty();
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.audit).anySatisfy(a -> assertThat(a.reason()).isEqualTo("no read replica"));
    }

    @Test
    void aServiceWhoseTroubleAnUpstreamProblemExplainsIsLeftToTheUpstreamRecovery() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.upstream(service -> service.equals("checkout")
                ? java.util.Optional.of("db:primary is down") : java.util.Optional.empty()));

        StartResult held = r.recover(orchestrator, r.incident("checkout"));
        r.recover(orchestrator, r.incident("db:primary"));

        assertThat(held.outcome()).isEqualTo(Outcome.HELD);
        assertThat(held.reason()).contains("db:primary is down");
        assertThat(r.medium.runs).as("only the upstream service is acted on").hasSize(1);
    }

    @Test
    void aWorkflowPastItsTimeoutRollsBack() {
        Recovery r = new Recovery("""
                workflows:
                  - name: slow
                    trigger: error_threshold
                    timeout: 1m
                    steps:
                      - {name: a, action: low}
                      - {name: b, action: medium, delay: 2m}
                """);
        RecoveryOrchestrator orchestrator = r.orchestrator();
        String run = r.recover(orchestrator, r.incident("a")).runId();

        r.run(orchestrator, Duration.ofSeconds(30), 3);

        assertThat(r.medium.runs).isEmpty();
        assertThat(r.low.rollbacks).hasSize(1);
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.runs.find(run).orElseThrow().reason()).contains("timed out");
    }

    @Test
    void aWorkflowNamingAnUnknownActionIsRejectedAtBuild() {
        Recovery r = new Recovery("""
                workflows:
                  - {name: bad, trigger: manual, steps: [{name: a, action: reboot_the_world}]}
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(r::orchestrator)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reboot_the_world");
    }

    @Test
    void aThrowingAuditHookIsCountedAndRecoveryCarriesOn() {
        Recovery r = new Recovery(ONE_STEP);
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.audit(entry -> {
            throw new IllegalStateException("audit down");
        }));

        String run = r.recover(orchestrator, r.incident("a")).runId();

        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(orchestrator.hookFailures()).isPositive();
    }
}
