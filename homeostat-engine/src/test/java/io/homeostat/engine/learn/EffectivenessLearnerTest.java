package io.homeostat.engine.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EffectivenessLearnerTest {

    private static final Problem DB = new Problem("db:primary|errors|connection", "database");
    private static final Candidate FAILOVER = new Candidate("failover", Risk.MEDIUM);
    private static final Candidate RESTART = new Candidate("restart", Risk.HIGH);
    private static final Candidate CLEAR_CACHE = new Candidate("clear-cache", Risk.LOW);
    private static final Candidate REPROBE = new Candidate("reprobe", Risk.LOW);

    private final ManualClock clock = ManualClock.create();
    private final InMemoryEffectivenessStore store = new InMemoryEffectivenessStore();
    private int ids;

    private EffectivenessLearner learner(double explorationShare, long seed) {
        return EffectivenessLearner.builder().store(store)
                .config(EffectivenessConfig.ofDefaults().withExplorationShare(explorationShare))
                .random(new SplittableRandom(seed)).clock(clock).build();
    }

    private void outcomes(EffectivenessLearner learner, Problem problem, String action, int successes, int failures,
            Duration timeToRecover) {
        for (int i = 0; i < failures; i++) {
            clock.advance(Duration.ofMinutes(1));
            learner.record(RecoveryOutcome.failure("o" + ids++, problem, action, clock.instant()));
        }
        for (int i = 0; i < successes; i++) {
            clock.advance(Duration.ofMinutes(1));
            learner.record(RecoveryOutcome.success("o" + ids++, problem, action, timeToRecover, clock.instant()));
        }
    }

    @Test
    void rankingPrefersProvenActions() {
        EffectivenessLearner learner = learner(0, 1);
        outcomes(learner, DB, "failover", 9, 1, Duration.ofSeconds(20));
        outcomes(learner, DB, "restart", 2, 8, Duration.ofSeconds(90));

        Ranking ranking = learner.rank(DB, List.of(CLEAR_CACHE, RESTART, FAILOVER));

        assertThat(ranking.order()).containsExactly("failover", "restart", "clear-cache");
        assertThat(ranking.best().orElseThrow().evidence().successes()).isEqualTo(9);
        assertThat(ranking.best().orElseThrow().evidence().meanTimeToRecover()).contains(Duration.ofSeconds(20));
        assertThat(ranking.exploring()).isFalse();
    }

    @Test
    void confidenceBoundKeepsAOneForOneActionBelowANinetyFiveInAHundredAction() {
        EffectivenessLearner learner = learner(0, 1);
        outcomes(learner, DB, "clear-cache", 1, 0, Duration.ofSeconds(1));
        outcomes(learner, DB, "failover", 95, 5, Duration.ofSeconds(30));

        Ranking ranking = learner.rank(DB, List.of(CLEAR_CACHE, FAILOVER));

        assertThat(ranking.order()).containsExactly("failover", "clear-cache");
        assertThat(ranking.actions().get(1).evidence().successRate()).isEqualTo(1.0);
        assertThat(ranking.actions().get(0).score()).isGreaterThan(0.85);
        assertThat(ranking.actions().get(1).score()).isLessThan(0.25);
    }

    @Test
    void shorterMeanTimeToRecoverBreaksATieInScore() {
        EffectivenessLearner learner = learner(0, 1);
        outcomes(learner, DB, "failover", 10, 0, Duration.ofSeconds(40));
        outcomes(learner, DB, "reprobe", 10, 0, Duration.ofSeconds(5));

        assertThat(learner.rank(DB, List.of(FAILOVER, REPROBE)).order()).containsExactly("reprobe", "failover");
    }

    @Test
    void anActionThatFailsRepeatedlyIsDemotedBelowAWeakerOneAndASuccessRestoresIt() {
        EffectivenessLearner learner = learner(0, 1);
        outcomes(learner, DB, "failover", 8, 0, Duration.ofSeconds(10));
        outcomes(learner, DB, "restart", 2, 2, Duration.ofSeconds(60));
        assertThat(learner.rank(DB, List.of(RESTART, FAILOVER)).order()).containsExactly("failover", "restart");

        outcomes(learner, DB, "failover", 0, 3, Duration.ZERO);

        Ranking demoted = learner.rank(DB, List.of(RESTART, FAILOVER));
        assertThat(demoted.order()).containsExactly("restart", "failover");
        assertThat(demoted.actions().get(1).demoted()).isTrue();
        assertThat(demoted.actions().get(1).score()).as("its bound alone would still rank it first")
                .isGreaterThan(demoted.actions().get(0).score());

        outcomes(learner, DB, "failover", 1, 0, Duration.ofSeconds(10));
        assertThat(learner.rank(DB, List.of(RESTART, FAILOVER)).order()).containsExactly("failover", "restart");
    }

    @Test
    void aDemotionLapsesAfterItsPeriodAndOneMoreFailureRenewsIt() {
        EffectivenessLearner learner = learner(0, 1);
        outcomes(learner, DB, "failover", 8, 0, Duration.ofSeconds(10));
        outcomes(learner, DB, "restart", 2, 2, Duration.ofSeconds(60));
        outcomes(learner, DB, "failover", 0, 3, Duration.ZERO);
        assertThat(learner.rank(DB, List.of(RESTART, FAILOVER)).order()).containsExactly("restart", "failover");

        clock.advance(Duration.ofHours(23));
        assertThat(learner.rank(DB, List.of(RESTART, FAILOVER)).order()).containsExactly("restart", "failover");
        clock.advance(Duration.ofHours(1));
        assertThat(learner.rank(DB, List.of(RESTART, FAILOVER)).order()).as("24 h after its last failure")
                .containsExactly("failover", "restart");

        outcomes(learner, DB, "failover", 0, 1, Duration.ZERO);
        assertThat(learner.rank(DB, List.of(RESTART, FAILOVER)).order()).containsExactly("restart", "failover");
    }

    @Test
    void aConfidentlyPoorActionIsDemotedEvenWithoutAFailingStreak() {
        EffectivenessLearner learner = learner(0, 1);
        outcomes(learner, DB, "restart", 1, 19, Duration.ofSeconds(60));

        RankedAction restart = learner.rank(DB, List.of(RESTART, CLEAR_CACHE)).actions().get(1);

        assertThat(restart.action()).isEqualTo("restart");
        assertThat(restart.evidence().consecutiveFailures()).isZero();
        assertThat(restart.demoted()).isTrue();
    }

    @Test
    void explorationNeverPicksMediumOrHighRisk() {
        EffectivenessLearner learner = learner(0.5, 42);
        outcomes(learner, DB, "failover", 50, 0, Duration.ofSeconds(10));
        List<Candidate> candidates = List.of(new Candidate("scale", Risk.MEDIUM), RESTART, FAILOVER, CLEAR_CACHE,
                REPROBE, new Candidate("page", Risk.HIGH));
        int exploring = 0;
        int clearCacheFirst = 0;
        for (int i = 0; i < 2_000; i++) {
            Ranking ranking = learner.rank(DB, candidates);
            if (ranking.exploring()) {
                exploring++;
                assertThat(ranking.best().orElseThrow().risk()).isEqualTo(Risk.LOW);
                clearCacheFirst += ranking.best().orElseThrow().action().equals("clear-cache") ? 1 : 0;
            } else {
                assertThat(ranking.best().orElseThrow().action()).isEqualTo("failover");
            }
            assertThat(ranking.actions()).filteredOn(RankedAction::explored).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(exploring).isBetween(900, 1_100);
        assertThat(clearCacheFirst).as("both low-risk actions get explored").isBetween(350, exploring - 350);
    }

    @Test
    void explorationStopsOnceALowRiskActionCannotBeatTheLeaderOrIsDemoted() {
        EffectivenessLearner learner = learner(0.5, 7);
        outcomes(learner, DB, "failover", 50, 0, Duration.ofSeconds(10));
        outcomes(learner, DB, "clear-cache", 2, 8, Duration.ofSeconds(5));
        outcomes(learner, DB, "reprobe", 0, 3, Duration.ZERO);

        for (int i = 0; i < 200; i++) {
            assertThat(learner.rank(DB, List.of(FAILOVER, CLEAR_CACHE, REPROBE, RESTART)).exploring()).isFalse();
        }
    }

    @Test
    void aPromisingLowRiskActionKeepsBeingExploredUntilItOvertakesTheLeader() {
        EffectivenessLearner learner = learner(0.5, 5);
        outcomes(learner, DB, "failover", 40, 10, Duration.ofSeconds(10));
        outcomes(learner, DB, "clear-cache", 5, 0, Duration.ofSeconds(5));
        assertThat(learner.effectiveness(DB, "clear-cache").orElseThrow().lowerBound(Effectiveness.Z95))
                .as("5 of 5 is not yet proven against 40 of 50")
                .isLessThan(learner.effectiveness(DB, "failover").orElseThrow().lowerBound(Effectiveness.Z95));

        int explored = 0;
        for (int i = 0; i < 100; i++) {
            explored += learner.rank(DB, List.of(FAILOVER, CLEAR_CACHE)).exploring() ? 1 : 0;
        }
        outcomes(learner, DB, "clear-cache", 20, 0, Duration.ofSeconds(5));

        assertThat(explored).isBetween(30, 70);
        for (int i = 0; i < 50; i++) {
            Ranking proven = learner.rank(DB, List.of(FAILOVER, CLEAR_CACHE));
            assertThat(proven.order()).containsExactly("clear-cache", "failover");
            assertThat(proven.exploring()).isFalse();
        }
    }

    @Test
    void theSameSeedExploresTheSameWay() {
        List<Candidate> candidates = List.of(FAILOVER, CLEAR_CACHE, REPROBE);
        EffectivenessLearner a = learner(0.3, 99);
        EffectivenessLearner b = learner(0.3, 99);
        for (int i = 0; i < 100; i++) {
            assertThat(a.rank(DB, candidates)).isEqualTo(b.rank(DB, candidates));
        }
    }

    @Test
    void theFailureTypesTallyStandsInUntilTheFingerprintHasEnoughEvidence() {
        EffectivenessLearner learner = learner(0, 1);
        Problem other = new Problem("db:replica|errors|connection", "database");
        outcomes(learner, other, "failover", 10, 0, Duration.ofSeconds(10));
        outcomes(learner, DB, "failover", 0, 1, Duration.ZERO);

        RankedAction seenElsewhere = learner.rank(DB, List.of(FAILOVER)).best().orElseThrow();
        assertThat(seenElsewhere.evidence().problem()).isEqualTo("type:database");
        assertThat(seenElsewhere.evidence().attempts()).isEqualTo(11);

        outcomes(learner, DB, "failover", 0, 2, Duration.ZERO);

        RankedAction ownEvidence = learner.rank(DB, List.of(FAILOVER)).best().orElseThrow();
        assertThat(ownEvidence.evidence().problem()).isEqualTo(DB.fingerprint());
        assertThat(ownEvidence.demoted()).isTrue();
        assertThat(learner.effectiveness(DB, "failover")).contains(ownEvidence.evidence());
        assertThat(learner.effectiveness(DB, "restart")).isEmpty();
    }

    @Test
    void aReplayedOutcomeCountsOnce() {
        EffectivenessLearner learner = learner(0, 1);
        RecoveryOutcome outcome = RecoveryOutcome.success("wf-1/step-2", DB, "failover", Duration.ofSeconds(3),
                clock.instant());

        assertThat(learner.record(outcome)).isTrue();
        assertThat(learner.record(outcome)).isFalse();
        assertThat(learner.effectiveness(DB, "failover").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void rejectsACandidateListedTwiceAndABuilderWithoutStore() {
        EffectivenessLearner learner = learner(0, 1);
        assertThatThrownBy(() -> learner.rank(DB, List.of(FAILOVER, new Candidate("failover", Risk.LOW))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failover");
        assertThatThrownBy(() -> EffectivenessLearner.builder().build()).isInstanceOf(IllegalStateException.class);
    }
}
