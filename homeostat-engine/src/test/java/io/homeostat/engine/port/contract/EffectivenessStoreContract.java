package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.port.EffectivenessStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EffectivenessStore} must do. Subclasses supply {@link #newStore()}, called
 * before each test, which must return an empty store (its own schema or key prefix).
 */
public abstract class EffectivenessStoreContract {

    /** Base time of the tests, millisecond precision. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** The problem of the tests. */
    protected static final Problem DB = new Problem("db:primary|errors|connection", "database");

    private EffectivenessStore store;

    /** A new, empty store. */
    protected abstract EffectivenessStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static RecoveryOutcome ok(String id, String action, long millis, int minute) {
        return RecoveryOutcome.success(id, DB, action, Duration.ofMillis(millis), T0.plusSeconds(60L * minute));
    }

    private static RecoveryOutcome failed(String id, String action, int minute) {
        return RecoveryOutcome.failure(id, DB, action, T0.plusSeconds(60L * minute));
    }

    @Test
    void tallyCountsAttemptsSuccessesAndRecoveryTime() {
        assertThat(store.record("fp", ok("1", "failover", 1_500, 0))).isTrue();
        assertThat(store.record("fp", failed("2", "failover", 1))).isTrue();
        assertThat(store.record("fp", ok("3", "failover", 2_500, 2))).isTrue();

        Effectiveness tally = store.find("fp", "failover").orElseThrow();
        assertThat(tally).isEqualTo(new Effectiveness("fp", "failover", 3, 2, 4_000, 0, T0.plusSeconds(120)));
        assertThat(tally.meanTimeToRecover()).contains(Duration.ofSeconds(2));
    }

    @Test
    void recordingTheSameOutcomeIdAgainUnderAKeyChangesNothing() {
        store.record("fp", ok("1", "failover", 1_000, 0));

        assertThat(store.record("fp", ok("1", "failover", 9_000, 5))).isFalse();

        assertThat(store.find("fp", "failover").orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.find("fp", "failover").orElseThrow().recoveryMillis()).isEqualTo(1_000);
    }

    @Test
    void theSameOutcomeIdCountsOncePerKey() {
        RecoveryOutcome outcome = ok("1", "failover", 1_000, 0);

        assertThat(store.record("fp", outcome)).isTrue();
        assertThat(store.record(DB.typeKey(), outcome)).isTrue();

        assertThat(store.find("fp", "failover").orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.find(DB.typeKey(), "failover").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void consecutiveFailuresCountSinceTheLastSuccess() {
        store.record("fp", failed("1", "restart", 0));
        store.record("fp", failed("2", "restart", 1));
        assertThat(store.find("fp", "restart").orElseThrow().consecutiveFailures()).isEqualTo(2);

        store.record("fp", ok("3", "restart", 100, 2));
        store.record("fp", failed("4", "restart", 3));

        Effectiveness tally = store.find("fp", "restart").orElseThrow();
        assertThat(tally.consecutiveFailures()).isEqualTo(1);
        assertThat(tally.failures()).isEqualTo(3);
    }

    @Test
    void lastOutcomeIsTheLatestTimeNotTheLastRecorded() {
        store.record("fp", ok("late", "failover", 10, 30));
        store.record("fp", ok("early", "failover", 10, 5));

        assertThat(store.find("fp", "failover").orElseThrow().lastOutcome()).isEqualTo(T0.plusSeconds(1_800));
    }

    @Test
    void talliesAreKeptPerProblemAndAction() {
        store.record("fp", ok("1", "failover", 10, 0));
        store.record("fp", failed("2", "clear-cache", 0));
        store.record("other", ok("3", "failover", 10, 0));

        assertThat(store.forProblem("fp")).extracting(Effectiveness::action).containsExactly("clear-cache", "failover");
        assertThat(store.forProblem("fp")).allSatisfy(e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(store.forProblem("other")).extracting(Effectiveness::action).containsExactly("failover");
        assertThat(store.forProblem("nobody")).isEmpty();
        assertThat(store.find("fp", "restart")).isEmpty();
        assertThat(store.find("nobody", "failover")).isEmpty();
    }

    @Test
    void allListsEveryTallyByProblemThenAction() {
        assertThat(store.all()).isEmpty();
        store.record("other", ok("1", "failover", 10, 0));
        store.record("fp", failed("2", "restart", 0));
        store.record("fp", ok("3", "clear-cache", 20, 1));
        store.record("fp", ok("4", "clear-cache", 40, 2));

        assertThat(store.all()).extracting(e -> e.problem() + "/" + e.action())
                .containsExactly("fp/clear-cache", "fp/restart", "other/failover");
        assertThat(store.all().getFirst()).isEqualTo(store.find("fp", "clear-cache").orElseThrow());
        assertThat(store.all().getFirst().attempts()).isEqualTo(2);
    }

    @Test
    void forgetDropsTheTallyAndItsOutcomeIds() {
        RecoveryOutcome outcome = failed("1", "restart", 0);
        store.record("fp", outcome);
        store.record("fp", ok("2", "failover", 10, 0));

        assertThat(store.forget("fp", "restart")).isTrue();
        assertThat(store.forget("fp", "restart")).isFalse();
        assertThat(store.find("fp", "restart")).isEmpty();
        assertThat(store.forProblem("fp")).extracting(Effectiveness::action).containsExactly("failover");
        assertThat(store.record("fp", outcome)).as("a forgotten outcome may be recorded afresh").isTrue();
        assertThat(store.find("fp", "restart").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void rejectsABlankProblemKeyAndNulls() {
        assertThatThrownBy(() -> store.record(" ", ok("1", "a", 1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.record("fp", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.record(null, ok("1", "a", 1, 0))).isInstanceOf(NullPointerException.class);
        assertThat(store.forProblem(" ")).isEmpty();
    }

    @Test
    void concurrentRecordsOfDistinctOutcomesAllCount() throws Exception {
        int threads = 4;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String id = thread + "-" + i;
                        store.record("fp", i % 4 == 0 ? failed(id, "failover", i) : ok(id, "failover", 10, i));
                        store.record("fp", ok(id, "failover", 10, i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Effectiveness tally = store.find("fp", "failover").orElseThrow();
        assertThat(tally.attempts()).isEqualTo(threads * each);
        assertThat(tally.successes()).isEqualTo(threads * each * 3 / 4);
        assertThat(tally.recoveryMillis()).isEqualTo(10L * threads * each * 3 / 4);
    }
}
