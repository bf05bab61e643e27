package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.RecoveryAction;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkflowStore} must do. Subclasses give a fresh, empty store per test.
 */
public abstract class WorkflowStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private WorkflowStore store;

    /** A fresh store with nothing in it. */
    protected abstract WorkflowStore newStore();

    @BeforeEach
    void setUpStore() {
        store = newStore();
    }

    private static WorkflowRun run(String incident) {
        return WorkflowRun.start("run-" + UUID.randomUUID(), incident, "failover", "llm:openai",
                TriggerType.CIRCUIT_OPEN, T0, T0.plusSeconds(600), T0);
    }

    @Test
    void aCreatedRunIsFoundAndActive() {
        WorkflowRun run = run("inc-1");
        store.create(run);

        assertThat(store.find(run.runId())).contains(run);
        assertThat(store.activeFor("inc-1")).contains(run);
        assertThat(store.active()).containsExactly(run);
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void oneActiveRunPerIncident() {
        WorkflowRun first = run("inc-1");
        store.create(first);

        assertThatThrownBy(() -> store.create(run("inc-1"))).isInstanceOf(RunConflictException.class);
        assertThatThrownBy(() -> store.create(first)).isInstanceOf(RunConflictException.class);
        store.create(run("inc-2"));

        store.update(first.moved(RunPhase.SUCCEEDED, "done", T0.plusSeconds(5)));
        WorkflowRun second = run("inc-1");
        store.create(second);
        assertThat(store.activeFor("inc-1")).contains(second);
    }

    @Test
    void updatesAreCompareAndSetOnTheVersion() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        WorkflowRun acting = run.step(StepState.ACTING, 1, T0, T0, T0.plusSeconds(1));
        store.update(acting);

        assertThat(store.find(run.runId())).contains(acting);
        WorkflowRun fromStaleCopy = run.moved(RunPhase.ABORTED, "late", T0.plusSeconds(2));
        assertThatThrownBy(() -> store.update(fromStaleCopy)).isInstanceOf(StaleRunException.class);
        assertThatThrownBy(() -> store.update(run("inc-9").moved(RunPhase.ABORTED, "x", T0)))
                .isInstanceOf(StaleRunException.class);
        WorkflowRun done = acting.moved(RunPhase.ROLLED_BACK, "rolled back", T0.plusSeconds(3));
        store.update(done);
        assertThat(store.find(run.runId()).orElseThrow().phase()).isEqualTo(RunPhase.ROLLED_BACK);
        assertThat(store.active()).isEmpty();
        assertThat(store.activeFor("inc-1")).isEmpty();
    }

    @Test
    void runsStartedSinceATimeAreListedOldestFirstActiveOrNot() {
        WorkflowRun old = WorkflowRun.start("run-old", "inc-1", "failover", "a", TriggerType.MANUAL, T0.minusSeconds(60),
                T0, T0.minusSeconds(60));
        WorkflowRun first = WorkflowRun.start("run-1", "inc-2", "failover", "b", TriggerType.MANUAL, T0, T0.plusSeconds(60), T0);
        WorkflowRun second = WorkflowRun.start("run-2", "inc-3", "failover", "c", TriggerType.MANUAL, T0.plusSeconds(5),
                T0.plusSeconds(65), T0.plusSeconds(5));
        store.create(old);
        store.create(first);
        store.create(second);
        WorkflowRun done = first.moved(RunPhase.SUCCEEDED, "done", T0.plusSeconds(10));
        store.update(done);

        assertThat(store.startedSince(T0)).containsExactly(done, second);
        assertThat(store.startedSince(T0.plusSeconds(100))).isEmpty();
    }

    @Test
    void stepRecordsKeepTheirOrderAndData() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        StepRecord started = new StepRecord(run.runId(), 0, "switch", 1, "failover", StepPhase.STARTED, T0, "", Map.of());
        StepRecord done = new StepRecord(run.runId(), 0, "switch", 1, "failover", StepPhase.SUCCEEDED,
                T0.plusMillis(5), "moved", Map.of("route", "llm", "before", "llm:openai"));
        store.append(started);
        store.append(done);

        assertThat(store.steps(run.runId())).containsExactly(started, done);
        assertThat(store.steps("other")).isEmpty();
    }

    @Test
    void aStartedRecordKeepsItsParametersAndApprover() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        StepRecord approved = new StepRecord(run.runId(), 0, "restart", 1, "restart-pods", StepPhase.STARTED, T0, "",
                Map.of()).withRequest(Map.of("replicas", "3", "namespace", "shop"), "oncall:alice");
        StepRecord automatic = new StepRecord(run.runId(), 1, "warm", 1, "warm-cache", StepPhase.STARTED, T0, "",
                Map.of()).withRequest(Map.of(), "");
        store.append(approved);
        store.append(automatic);

        assertThat(store.steps(run.runId())).containsExactly(approved, automatic);
        assertThat(store.steps(run.runId()).getFirst().parameters()).containsEntry("replicas", "3").hasSize(2);
        assertThat(store.steps(run.runId()).getFirst().approvedBy()).isEqualTo("oncall:alice");
    }

    private StepRecord step(WorkflowRun run, int index, int attempt, StepPhase phase, int seconds, String detail) {
        StepRecord r = new StepRecord(run.runId(), index, "step" + index, attempt, "action" + index, phase,
                T0.plusSeconds(seconds), detail, Map.of());
        store.append(r);
        return r;
    }

    private void started(WorkflowRun run, int index, int attempt, int seconds, String approvedBy) {
        store.append(new StepRecord(run.runId(), index, "step" + index, attempt, "action" + index, StepPhase.STARTED,
                T0.plusSeconds(seconds), "", Map.of()).withRequest(Map.of("attempt", "" + attempt), approvedBy));
    }

    @Test
    void recoveryActionsAreOneAttemptEachWithStatusParametersAndDuration() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        started(run, 0, 1, 0, "");
        step(run, 0, 1, StepPhase.FAILED, 2, "timed out");
        started(run, 0, 2, 10, "");
        step(run, 0, 2, StepPhase.SUCCEEDED, 11, "moved");
        step(run, 0, 2, StepPhase.VERIFIED, 40, "held for PT30S");
        started(run, 1, 1, 41, "oncall:alice");
        step(run, 1, 1, StepPhase.SUCCEEDED, 42, "restarted");
        step(run, 2, 1, StepPhase.SHADOWED, 43, "would restart");
        started(run, 3, 1, 44, "");

        List<RecoveryAction> actions = store.actions(run.runId());

        assertThat(actions).extracting(RecoveryAction::actionId).containsExactly(
                run.runId() + "/0/1", run.runId() + "/0/2", run.runId() + "/1/1", run.runId() + "/3/1");
        assertThat(actions).extracting(RecoveryAction::status).containsExactly(RecoveryAction.Status.FAILED,
                RecoveryAction.Status.SUCCEEDED, RecoveryAction.Status.IN_PROGRESS, RecoveryAction.Status.INITIATED);
        RecoveryAction failed = actions.getFirst();
        assertThat(failed.incidentId()).isEqualTo("inc-1");
        assertThat(failed.type()).isEqualTo("action0");
        assertThat(failed.strategy()).isEqualTo("failover");
        assertThat(failed.automated()).isTrue();
        assertThat(failed.triggeredBy()).isEqualTo("circuit_open");
        assertThat(failed.parameters()).containsExactly(Map.entry("attempt", "1"));
        assertThat(failed.result()).isEqualTo("timed out");
        assertThat(failed.completedAt()).contains(T0.plusSeconds(2));
        assertThat(failed.duration()).contains(Duration.ofSeconds(2));
        assertThat(actions.get(1).duration()).contains(Duration.ofSeconds(30));
        RecoveryAction approved = actions.get(2);
        assertThat(approved.automated()).isFalse();
        assertThat(approved.triggeredBy()).isEqualTo("oncall:alice");
        assertThat(approved.completedAt()).isEmpty();
        assertThat(approved.duration()).isEmpty();
        assertThat(store.actions("unknown")).isEmpty();
    }

    @Test
    void actionsOfAnEndedRunAreRolledBackOrDone() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        started(run, 0, 1, 0, "");
        step(run, 0, 1, StepPhase.SUCCEEDED, 1, "moved");
        step(run, 0, 1, StepPhase.VERIFIED, 5, "held");
        step(run, 0, 1, StepPhase.ROLLBACK_STARTED, 20, "");
        step(run, 0, 1, StepPhase.ROLLED_BACK, 21, "moved back");
        started(run, 1, 1, 10, "");
        step(run, 1, 1, StepPhase.SUCCEEDED, 11, "restarted");
        step(run, -1, 1, StepPhase.SUCCEEDED, 22, "paged");
        store.update(run.moved(RunPhase.ROLLED_BACK, "step 1 unverified", T0.plusSeconds(22)));

        assertThat(store.actions(run.runId())).extracting(RecoveryAction::status).containsExactly(
                RecoveryAction.Status.ROLLED_BACK, RecoveryAction.Status.SUCCEEDED, RecoveryAction.Status.SUCCEEDED);
        assertThat(store.actions(run.runId()).getFirst().duration()).contains(Duration.ofSeconds(21));
        assertThat(store.actions(run.runId()).getFirst().result()).isEqualTo("moved back");
    }

    @Test
    void actionsSinceATimeAreThoseOfTheRunsStartedSince() {
        WorkflowRun early = WorkflowRun.start("run-early", "inc-1", "failover", "llm:openai", TriggerType.ANOMALY,
                T0.minusSeconds(60), T0.plusSeconds(600), T0);
        WorkflowRun late = run("inc-2");
        store.create(early);
        store.create(late);
        store.create(run("inc-3"));
        started(early, 0, 1, -50, "");
        started(late, 0, 1, 1, "");
        started(late, 1, 1, 2, "");

        assertThat(store.actionsSince(T0)).extracting(RecoveryAction::runId).containsExactly(late.runId(), late.runId());
        assertThat(store.actionsSince(T0.minusSeconds(60))).hasSize(3);
    }

    @Test
    void theChoiceOfAStepsAlternativeIsKeptLikeAnyStepRecord() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        StepRecord chosen = new StepRecord(run.runId(), 0, "relieve", 1, "scale", StepPhase.CHOSEN, T0,
                "chose scale of scale,run_command: 9/10 verified", Map.of("order", "scale,run_command"));
        store.append(chosen);

        assertThat(store.steps(run.runId())).containsExactly(chosen);
        assertThat(store.actions(run.runId())).as("a choice is no action").isEmpty();
    }

    @Test
    void aKeyIsClaimedOnceEvenUnderContention() throws Exception {
        assertThat(store.claim("inc-1/run/step#1", "run")).isTrue();
        assertThat(store.claim("inc-1/run/step#1", "run")).isFalse();
        assertThat(store.claim("inc-1/run/step#2", "run")).isTrue();

        ConcurrentLinkedQueue<Boolean> wins = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                wins.add(store.claim("contended", "run"));
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(wins).hasSize(8).containsOnlyOnce(true);
    }
}
