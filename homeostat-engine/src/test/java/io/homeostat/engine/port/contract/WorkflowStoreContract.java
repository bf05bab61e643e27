package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.WorkflowStore;
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
    void theChoiceOfAStepsAlternativeIsKeptLikeAnyStepRecord() {
        WorkflowRun run = run("inc-1");
        store.create(run);
        StepRecord chosen = new StepRecord(run.runId(), 0, "relieve", 1, "scale", StepPhase.CHOSEN, T0,
                "chose scale of scale,run_command: 9/10 verified", Map.of("order", "scale,run_command"));
        store.append(chosen);

        assertThat(store.steps(run.runId())).containsExactly(chosen);
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
