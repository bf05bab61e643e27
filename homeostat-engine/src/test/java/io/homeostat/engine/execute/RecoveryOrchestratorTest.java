package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.execute.StartResult.Outcome;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.StoreRefusedException;
import io.homeostat.engine.port.StoreUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecoveryOrchestratorTest {

    private static final String TWO_STEPS = """
            workflows:
              - name: two-steps
                trigger: [error_threshold]
                services: "*"
                steps:
                  - name: first
                    action: low
                    success: [{metric: error_rate, below: 0.01, for: 30s}]
                    timeout: 2m
                  - name: second
                    action: medium
                    on_failure: rollback
                rollback:
                  - {name: undo-note, action: low}
            """;

    private final Recovery r = new Recovery(TWO_STEPS);

    @Test
    void runsStepsVerifiesOnFreshReadingsAndResolvesTheIncident() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.2);

        StartResult start = r.recover(orchestrator, incident);
        assertThat(start.outcome()).isEqualTo(Outcome.STARTED);
        String run = start.runId();
        assertThat(r.low.runs).hasSize(1);
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.REMEDIATING);

        r.run(orchestrator, Duration.ofSeconds(10), 3);
        assertThat(r.medium.runs).as("criterion not met yet").isEmpty();

        r.metrics.put("orders/error_rate", 0.0);
        r.run(orchestrator, Duration.ofSeconds(10), 2);
        assertThat(r.medium.runs).as("20 s of good readings are not 30 s").isEmpty();
        r.metrics.put("orders/error_rate", 0.05);
        r.run(orchestrator, Duration.ofSeconds(10), 1);
        r.metrics.put("orders/error_rate", 0.0);
        r.run(orchestrator, Duration.ofSeconds(10), 2);
        assertThat(r.medium.runs).as("a bad reading restarts the hold").isEmpty();
        r.run(orchestrator, Duration.ofSeconds(10), 1);

        assertThat(r.medium.runs).hasSize(1);
        assertThat(orchestrator.run(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.tracker.active()).isEmpty();
        assertThat(r.incidents.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(r.decisions(run)).containsSubsequence("run.started", "step.acted", "step.verified", "step.acted",
                "step.done", "run.succeeded");
        assertThat(r.phases(run)).containsExactly(StepPhase.STARTED, StepPhase.SUCCEEDED, StepPhase.VERIFIED,
                StepPhase.STARTED, StepPhase.SUCCEEDED, StepPhase.DONE);
    }

    @Test
    void criteriaThatNeverHoldFailTheStepAtItsTimeoutAndRollBack() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.3);
        String run = r.recover(orchestrator, incident).runId();

        r.run(orchestrator, Duration.ofSeconds(30), 4);

        assertThat(orchestrator.run(run).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(r.low.rollbacks).containsExactly(r.low.runs.getFirst());
        assertThat(r.low.runs).as("first step once, then the rollback step").hasSize(2);
        assertThat(r.medium.runs).isEmpty();
        assertThat(r.decisions(run)).contains("step.unverified", "run.rolling-back", "step.rolled-back", "run.rolled-back");
        assertThat(r.escalations).anySatisfy(e -> assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.RECOVERY_FAILED));
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.ESCALATED);
    }

    @Test
    void aFailingActionIsRetriedWithExponentialBackoffThenFollowsOnFailure() {
        Recovery retry = new Recovery("""
                workflows:
                  - name: retry
                    trigger: error_threshold
                    steps:
                      - {name: probe, action: low, attempts: 3, backoff: 1s, on_failure: continue}
                      - {name: after, action: medium}
                """);
        RecoveryOrchestrator orchestrator = retry.orchestrator();
        retry.low.failuresLeft.set(5);
        String run = retry.recover(orchestrator, retry.incident("db:orders")).runId();

        assertThat(retry.low.runs).hasSize(1);
        retry.run(orchestrator, Duration.ofMillis(900), 1);
        assertThat(retry.low.runs).as("backoff 1 s not over").hasSize(1);
        retry.run(orchestrator, Duration.ofMillis(100), 1);
        assertThat(retry.low.runs).hasSize(2);
        retry.run(orchestrator, Duration.ofMillis(1900), 1);
        assertThat(retry.low.runs).as("second backoff is 2 s").hasSize(2);
        retry.run(orchestrator, Duration.ofMillis(100), 1);
        assertThat(retry.low.runs).hasSize(3).doesNotHaveDuplicates();
        assertThat(retry.medium.runs).as("continue after the third failure").hasSize(1);
        assertThat(orchestrator.run(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
    }

    @Test
    void oneRunPerIncidentAtATime() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.3);
        String run = r.recover(orchestrator, incident).runId();

        StartResult again = r.recover(orchestrator, incident);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_RUNNING);
        assertThat(again.runId()).isEqualTo(run);
        assertThat(r.low.runs).hasSize(1);
    }

    @Test
    void followingTheTrackerStartsRecoveryOfEachOpenedIncidentOnTheNextTick() throws Exception {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        try (AutoCloseable following = orchestrator.follow(r.tracker)) {
            Incident incident = r.incident("orders");
            assertThat(r.low.runs).as("listeners only queue").isEmpty();

            orchestrator.tick();

            assertThat(r.low.runs).hasSize(1);
            assertThat(r.runs.activeFor(incident.id()).orElseThrow().trigger())
                    .isEqualTo(io.homeostat.engine.plan.TriggerType.ERROR_THRESHOLD);
            r.incident("orders");
            orchestrator.tick();
            assertThat(r.runs.active()).as("a joining detection opens nothing new").hasSize(1);
        }
    }

    @Test
    void aWorkflowThatNamesNoSuccessCriteriaLeavesItsIncidentToItsSignals() {
        Recovery unverified = new Recovery("""
                workflows:
                  - name: just-act
                    trigger: [error_threshold]
                    services: "*"
                    steps:
                      - {name: only, action: low}
                """);
        RecoveryOrchestrator orchestrator = unverified.orchestrator();
        Incident incident = unverified.incident("orders");

        StartResult start = unverified.recover(orchestrator, incident);

        assertThat(unverified.low.runs).hasSize(1);
        WorkflowRun run = orchestrator.run(start.runId()).orElseThrow();
        assertThat(run.phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(run.reason()).isEqualTo("done; no step was verified");
        assertThat(unverified.tracker.active()).as("nothing showed the problem gone").singleElement()
                .satisfies(open -> assertThat(open.status()).isEqualTo(IncidentStatus.REMEDIATING));
        assertThat(unverified.incidents.timeline(incident.id())).anySatisfy(entry -> assertThat(entry.message())
                .isEqualTo("workflow just-act is done; no step was verified on fresh signals, so the incident "
                        + "resolves when its signals clear"));
        assertThat(unverified.decisions(run.runId())).as("a step with nothing to check is done, not verified")
                .containsExactly("run.started", "step.acted", "step.done", "run.succeeded");
        assertThat(unverified.phases(run.runId())).containsExactly(StepPhase.STARTED, StepPhase.SUCCEEDED, StepPhase.DONE);
    }

    @Test
    void aRunWhoseCriteriaFailedAndWereContinuedPastDoesNotResolveItsIncident() {
        Recovery continued = new Recovery("""
                workflows:
                  - name: hopeful
                    trigger: [error_threshold]
                    services: "*"
                    steps:
                      - name: checked
                        action: low
                        success: [{metric: error_rate, below: 0.01}]
                        timeout: 1m
                        on_failure: continue
                      - {name: unchecked, action: medium}
                """);
        RecoveryOrchestrator orchestrator = continued.orchestrator();
        Incident incident = continued.incident("orders");
        continued.metrics.put("orders/error_rate", 0.3);
        String run = continued.recover(orchestrator, incident).runId();

        continued.run(orchestrator, Duration.ofSeconds(30), 3);

        assertThat(continued.medium.runs).as("continued past the unverified step").hasSize(1);
        assertThat(orchestrator.run(run).orElseThrow().reason()).isEqualTo("done; no step was verified");
        assertThat(continued.tracker.active()).as("a step named criteria, but they did not hold").singleElement()
                .satisfies(open -> assertThat(open.status()).isEqualTo(IncidentStatus.REMEDIATING));
        assertThat(continued.decisions(run)).containsSubsequence("step.unverified", "step.continue", "step.done",
                "run.succeeded");
    }

    @Test
    void aQueuedStartTheStoreFailedIsTriedAgainAndHoldsBackNoOtherTrigger() throws Exception {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        try (AutoCloseable following = orchestrator.follow(r.tracker)) {
            Incident orders = r.incident("orders");
            Incident billing = r.incident("billing");
            r.runs.failNextCreate(new StoreUnavailableException("lock timeout", null));

            orchestrator.tick();

            assertThat(r.runs.activeFor(orders.id())).as("the store failed the first start").isEmpty();
            assertThat(r.runs.activeFor(billing.id())).as("the trigger after it started on the same tick").isPresent();
            assertThat(orchestrator.tickFailures()).isEqualTo(1);
            assertThat(r.audit).anySatisfy(entry -> {
                assertThat(entry.decision()).isEqualTo("run.error");
                assertThat(entry.incidentId()).isEqualTo(orders.id());
                assertThat(entry.reason()).contains("tried again in 5 s", "lock timeout");
            });

            r.clock.advance(RecoveryOrchestrator.START_RETRY.minusSeconds(1));
            orchestrator.tick();
            assertThat(r.runs.activeFor(orders.id())).as("not before the retry delay").isEmpty();
            r.clock.advance(Duration.ofSeconds(1));
            orchestrator.tick();
            assertThat(r.runs.activeFor(orders.id())).as("started at the retry").isPresent();
            assertThat(r.low.runs).hasSize(2);
        }
    }

    @Test
    void aQueuedStartTheStoreRefusedIsAuditedAndNotTriedAgain() throws Exception {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        try (AutoCloseable following = orchestrator.follow(r.tracker)) {
            Incident orders = r.incident("orders");
            r.runs.failNextCreate(new StoreRefusedException("value too long", null));

            orchestrator.tick();
            r.run(orchestrator, Duration.ofSeconds(10), 3);

            assertThat(r.runs.activeFor(orders.id())).isEmpty();
            assertThat(orchestrator.tickFailures()).isEqualTo(1);
            assertThat(r.audit).filteredOn(entry -> entry.decision().equals("run.error")).singleElement()
                    .satisfies(entry -> assertThat(entry.reason()).contains("value too long")
                            .doesNotContain("tried again"));
        }
    }

    @Test
    void aManualIncidentIsNotRecoveredLaterWithAWorkflowNobodyNamed() throws Exception {
        Recovery manual = new Recovery(MANUAL_AND_AUTO);
        RecoveryOrchestrator orchestrator = manual.orchestrator();
        try (AutoCloseable following = orchestrator.follow(manual.tracker)) {
            manual.flags.mode(AutomationMode.SHADOW);
            Incident incident = manualIncident(manual, "pay-j", "by-hand");
            StartResult named = orchestrator.recover(new RecoveryTrigger(incident.id(),
                    io.homeostat.engine.plan.TriggerType.MANUAL, "pay-j", "manual"), "by-hand");
            assertThat(orchestrator.run(named.runId()).orElseThrow().phase()).isEqualTo(RunPhase.SHADOWED);

            manual.flags.mode(AutomationMode.FULL);
            manual.run(orchestrator, Duration.ofSeconds(1), 3);

            assertThat(manual.audit).filteredOn(a -> a.decision().equals("run.started")).singleElement()
                    .satisfies(a -> assertThat(a.evidence()).containsEntry("workflow", "by-hand"));
            assertThat(manual.medium.runs).as("the automatic workflow never ran").isEmpty();
            assertThat(manual.audit).anySatisfy(a -> {
                assertThat(a.decision()).isEqualTo("run.no-workflow");
                assertThat(a.reason()).contains("only with the workflow a person names");
            });
        }
    }

    @Test
    void aFailedManualRunIsRetriedWithTheWorkflowThePersonNamed() throws Exception {
        Recovery manual = new Recovery(MANUAL_AND_AUTO);
        RecoveryOrchestrator orchestrator = manual.orchestrator(b -> b.attempts(2));
        try (AutoCloseable following = orchestrator.follow(manual.tracker)) {
            Incident incident = manualIncident(manual, "pay-j", "by-hand");
            manual.low.failuresLeft.set(1);
            StartResult first = orchestrator.recover(new RecoveryTrigger(incident.id(),
                    io.homeostat.engine.plan.TriggerType.MANUAL, "pay-j", "manual"), "by-hand");
            assertThat(orchestrator.run(first.runId()).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);

            manual.run(orchestrator, Duration.ofMinutes(1), 6);

            assertThat(manual.audit).filteredOn(a -> a.decision().equals("run.started"))
                    .extracting(a -> a.evidence().get("workflow")).containsExactly("by-hand", "by-hand");
            assertThat(manual.low.runs).as("failed once, then the retry acted").hasSize(2);
            assertThat(manual.medium.runs).isEmpty();
        }
    }

    private static final String MANUAL_AND_AUTO = """
            workflows:
              - name: auto
                trigger: [error_threshold, manual]
                steps: [{name: act, action: medium}]
              - name: by-hand
                trigger: error_threshold
                priority: -1
                steps: [{name: act, action: low}]
            """;

    /** Opens an incident as a person's manual run does (the event detection WorkflowRoutes makes). */
    private static Incident manualIncident(Recovery r, String service, String workflow) {
        return r.tracker.observe(new io.homeostat.engine.detect.Detection("manual-1", "manual",
                io.homeostat.engine.detect.Detection.Kind.EVENT, io.homeostat.engine.detect.Detection.Status.FIRING,
                new io.homeostat.engine.detect.SeriesKey(service, "manual"), io.homeostat.engine.plan.DetectionTriggers.MANUAL,
                "manual:" + workflow, io.homeostat.engine.detect.Severity.HIGH, 1.0, "recovery requested by ops",
                java.util.Map.of("workflow", workflow), r.clock.instant())).orElseThrow();
    }

    @Test
    void aNamedWorkflowStartsForAManualTriggerThePlannerWouldNotAnswer() {
        RecoveryOrchestrator orchestrator = r.orchestrator();
        Incident incident = r.incident("orders");
        r.metrics.put("orders/error_rate", 0.3);
        RecoveryTrigger manual = new RecoveryTrigger(incident.id(), io.homeostat.engine.plan.TriggerType.MANUAL, "orders",
                "manual");

        assertThat(orchestrator.recover(manual).outcome()).as("no workflow answers a manual trigger")
                .isEqualTo(Outcome.NO_WORKFLOW);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> orchestrator.recover(manual, "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");

        StartResult start = orchestrator.recover(manual, "two-steps");
        assertThat(start.outcome()).isEqualTo(Outcome.STARTED);
        assertThat(orchestrator.run(start.runId()).orElseThrow().workflow()).isEqualTo("two-steps");
        assertThat(orchestrator.run(start.runId()).orElseThrow().trigger())
                .isEqualTo(io.homeostat.engine.plan.TriggerType.MANUAL);
        assertThat(r.low.runs).hasSize(1);
        assertThat(orchestrator.recover(manual, "two-steps").outcome()).isEqualTo(Outcome.ALREADY_RUNNING);
    }
}
