package io.homeostat.engine.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessConfig;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A database connection problem recurs every three hours. The planner always tries the learner's
 * first candidate, and a seeded world answers with each action's true chance of helping. Failover
 * to the replica (medium risk) has a proven record; resetting the connection pool (low risk) has
 * never been tried; restarting (high risk) rarely helps. Exploration needs patience: a 0.98 remedy
 * overtakes a 0.85 one with hundreds of outcomes only after some twenty tries of its own.
 */
class LearningFindsTheRemedyScenarioTest {

    private static final Problem DB = new Problem("db:primary|errors|connection", "database");
    private static final List<Candidate> CANDIDATES = List.of(new Candidate("failover", Risk.MEDIUM),
            new Candidate("restart", Risk.HIGH), new Candidate("reset-pool", Risk.LOW));

    private final ManualClock clock = ManualClock.create();

    private record Run(Map<String, Integer> chosen, int recovered, List<String> finalOrder) {}

    private EffectivenessLearner learner(EffectivenessConfig config) {
        EffectivenessLearner learner = EffectivenessLearner.builder().store(new InMemoryEffectivenessStore())
                .config(config).random(new SplittableRandom(2026)).clock(clock).build();
        for (int i = 0; i < 10; i++) { // failover's record before the learner: 9 of 10
            learner.record(i != 4 ? RecoveryOutcome.success("h" + i, DB, "failover", Duration.ofMinutes(2), clock.instant())
                    : RecoveryOutcome.failure("h" + i, DB, "failover", clock.instant()));
        }
        return learner;
    }

    /** {@code incidents} incidents, 3 h apart; {@code truth} gives an action's chance of helping at incident i. */
    private Run run(EffectivenessLearner learner, int incidents, long worldSeed,
            BiFunction<Integer, String, Double> truth) {
        SplittableRandom world = new SplittableRandom(worldSeed);
        Map<String, Integer> chosen = new HashMap<>();
        int recovered = 0;
        for (int incident = 0; incident < incidents; incident++) {
            clock.advance(Duration.ofHours(3));
            String action = learner.rank(DB, CANDIDATES).best().orElseThrow().action();
            chosen.merge(action, 1, Integer::sum);
            boolean helped = world.nextDouble() < truth.apply(incident, action);
            recovered += helped ? 1 : 0;
            String id = "incident-" + worldSeed + "-" + incident;
            learner.record(helped ? RecoveryOutcome.success(id, DB, action, Duration.ofSeconds(40), clock.instant())
                    : RecoveryOutcome.failure(id, DB, action, clock.instant()));
        }
        return new Run(chosen, recovered, learner.rank(DB, CANDIDATES).order());
    }

    private static double steady(String action) {
        return switch (action) {
            case "failover" -> 0.85;
            case "reset-pool" -> 0.98;
            default -> 0.3;
        };
    }

    @Test
    void explorationFindsABetterLowRiskRemedyThatGreedyRankingNeverTries() {
        EffectivenessConfig noStreaks = EffectivenessConfig.ofDefaults().withDemoteAfterFailures(10);
        ToDoubleFunction<String> truth = LearningFindsTheRemedyScenarioTest::steady;

        Run greedy = run(learner(noStreaks.withExplorationShare(0)), 400, 7, (i, a) -> truth.applyAsDouble(a));
        Run exploring = run(learner(noStreaks.withExplorationShare(0.1)), 400, 7, (i, a) -> truth.applyAsDouble(a));

        assertThat(greedy.chosen()).containsOnlyKeys("failover");
        assertThat(exploring.finalOrder()).containsExactly("reset-pool", "failover", "restart");
        assertThat(exploring.chosen().get("reset-pool")).isGreaterThan(100);
        assertThat(exploring.chosen()).as("a high-risk action is never explored").doesNotContainKey("restart");
        assertThat(exploring.recovered()).isGreaterThan(greedy.recovered() + 10);
    }

    @Test
    void anActionThatStopsHelpingIsDemotedAndRetriedAtMostOnceADay() {
        EffectivenessLearner learner = learner(EffectivenessConfig.ofDefaults().withExplorationShare(0));
        run(learner, 40, 1, (i, a) -> a.equals("failover") ? 1.0 : 0.0);

        // the replica is decommissioned: failover stops helping; a pool reset helps
        Run broken = run(learner, 80, 2, (i, a) -> a.equals("reset-pool") ? 0.98 : 0.0);

        int days = 80 * 3 / 24;
        assertThat(broken.chosen().get("failover")).as("3 to demote it, then one retry per day at most")
                .isLessThanOrEqualTo(3 + days);
        assertThat(broken.chosen().get("reset-pool")).isGreaterThanOrEqualTo(80 - 3 - days);
        assertThat(broken.chosen()).doesNotContainKey("restart");
        assertThat(broken.finalOrder().getFirst()).isEqualTo("reset-pool");
    }
}
