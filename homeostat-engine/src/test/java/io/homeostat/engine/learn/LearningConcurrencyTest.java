package io.homeostat.engine.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.retry.DelayAdvisor;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.learn.retry.RecoveryDelayConfig;
import io.homeostat.engine.learn.retry.RecoveryDelayLearner;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The learners under several threads: nothing recorded is lost, and no answer leaves its bounds. */
class LearningConcurrencyTest {

    private static final int THREADS = 4;
    private static final Problem DB = new Problem("db:primary|errors|connection", "database");

    private static void onThreads(Callable<Void> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recordsAndRankingsOnSeveralThreadsLoseNoOutcomeAndNeverExploreRiskyActions() throws Exception {
        ManualClock clock = ManualClock.create();
        EffectivenessLearner learner = EffectivenessLearner.builder().store(new InMemoryEffectivenessStore())
                .config(EffectivenessConfig.ofDefaults().withExplorationShare(0.5)).random(new SplittableRandom(1))
                .clock(clock).build();
        List<Candidate> candidates = List.of(new Candidate("failover", Risk.MEDIUM), new Candidate("restart", Risk.HIGH),
                new Candidate("reset-pool", Risk.LOW), new Candidate("reprobe", Risk.LOW));
        int each = 500;

        onThreads(() -> {
            String thread = Thread.currentThread().getName();
            for (int i = 0; i < each; i++) {
                String action = candidates.get(i % candidates.size()).action();
                learner.record(RecoveryOutcome.success(thread + "-" + i, DB, action, Duration.ofSeconds(1),
                        Instant.EPOCH.plusSeconds(i)));
                Ranking ranking = learner.rank(DB, candidates);
                if (ranking.exploring()) {
                    assertThat(ranking.best().orElseThrow().risk()).isEqualTo(Risk.LOW);
                }
                assertThat(ranking.actions()).hasSize(candidates.size());
            }
            return null;
        });

        for (Candidate candidate : candidates) {
            assertThat(learner.effectiveness(DB, candidate.action()).orElseThrow().attempts())
                    .as(candidate.action()).isEqualTo(THREADS * each / candidates.size());
        }
    }

    @Test
    void delayAdviceStaysBoundedWhileOutcomesArriveOnSeveralThreads() throws Exception {
        RecoveryDelayLearner learner = RecoveryDelayLearner.create(
                RecoveryDelayConfig.ofDefaults().withBounds(Duration.ofMillis(100), Duration.ofSeconds(5)));
        DelayAdvisor advisor = learner.advisor("db");
        long floor = Duration.ofMillis(100).toNanos();
        long ceiling = Duration.ofSeconds(5).toNanos();

        onThreads(() -> {
            SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());
            Instant time = Instant.EPOCH;
            for (int i = 0; i < 20_000; i++) {
                time = time.plusMillis(random.nextLong(1, 20_000));
                if (random.nextBoolean()) {
                    learner.failure("db", time);
                } else {
                    learner.success("db", time);
                }
                long advice = advisor.adviseNanos(1 + random.nextInt(6), 1);
                assertThat(advice == -1 || (advice >= floor && advice <= ceiling)).as("advice %d", advice).isTrue();
            }
            return null;
        });

        assertThat(learner.recoveries("db")).isPositive();
        assertThat(learner.recoveryTime("db").orElseThrow()).isBetween(Duration.ofMillis(100), Duration.ofSeconds(5));
    }
}
