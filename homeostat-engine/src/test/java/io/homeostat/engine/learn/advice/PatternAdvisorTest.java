package io.homeostat.engine.learn.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternDetector;
import io.homeostat.engine.detect.pattern.PatternDetectorConfig;
import io.homeostat.engine.detect.pattern.PatternKind;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessConfig;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryPatternStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatternAdvisorTest {

    private static final Instant DAY0 = Instant.parse("2026-01-05T00:00:00Z");
    private static final String DAILY = "temporal|db:primary|timeout:SQLTimeoutException";
    private static final Candidate WARM_CACHE = new Candidate("warm-cache", Risk.LOW);
    private static final Candidate ALERT = new Candidate("alert", Risk.LOW);
    private static final Candidate SCALE_UP = new Candidate("scale-up", Risk.MEDIUM);
    private static final Candidate RESTART = new Candidate("restart", Risk.HIGH);
    private static final List<Candidate> CANDIDATES = List.of(RESTART, SCALE_UP, ALERT, WARM_CACHE);

    private final ManualClock clock = ManualClock.at(DAY0.plus(Duration.ofDays(3)));
    private final InMemoryPatternStore patterns = new InMemoryPatternStore();
    private final EffectivenessLearner learner = EffectivenessLearner.builder().store(new InMemoryEffectivenessStore())
            .config(EffectivenessConfig.ofDefaults().withExplorationShare(0)).random(new SplittableRandom(3)).clock(clock).build();
    private int ids;

    private PatternAdvisor advisor(PreventionConfig prevention) {
        return PatternAdvisor.builder().learner(learner).patterns(patterns).clock(clock).prevention(prevention).build();
    }

    private static Pattern daily(double confidence) {
        return new Pattern(DAILY, PatternKind.TEMPORAL, Set.of("db:primary"), "timeout on db:primary daily around 14:00 UTC",
                "a batch job at 14:00", "pre-scale before 14:00", 3, DAY0.plus(Duration.ofHours(14)),
                DAY0.plus(Duration.ofDays(2)).plus(Duration.ofHours(14)), confidence);
    }

    private void outcomes(Problem problem, String action, int successes, int failures) {
        for (int i = 0; i < failures; i++) {
            learner.record(RecoveryOutcome.failure("o" + ids++, problem, action, clock.instant()));
        }
        for (int i = 0; i < successes; i++) {
            learner.record(RecoveryOutcome.success("o" + ids++, problem, action, Duration.ofSeconds(30), clock.instant()));
        }
    }

    @Test
    void adviceRanksTheCandidatesByWhatHelpedThisPatternBefore() {
        patterns.save(daily(0.8));
        Problem problem = new Problem(DAILY, "timeout");
        outcomes(problem, "scale-up", 9, 1);
        outcomes(problem, "warm-cache", 0, 4);

        List<PatternAdvice> advice = advisor(PreventionConfig.off()).advise("db:primary", CANDIDATES);

        assertThat(advice).hasSize(1);
        assertThat(advice.getFirst().problem()).isEqualTo(problem);
        assertThat(advice.getFirst().recommendation().action()).isEqualTo("pre-scale before 14:00");
        assertThat(advice.getFirst().ranking().order().getFirst()).isEqualTo("scale-up");
        assertThat(advice.getFirst().ranking().actions()).filteredOn(a -> a.action().equals("warm-cache"))
                .singleElement().satisfies(a -> assertThat(a.demoted()).isTrue());
    }

    @Test
    void adviceIsMostConfidentPatternFirstAndOnlyForTheService() {
        patterns.save(daily(0.6));
        patterns.save(new Pattern("recurring|db:primary|connection_refused:ConnectException", PatternKind.RECURRING,
                Set.of("db:primary"), "refused", "down", "check health", 5, DAY0, DAY0.plus(Duration.ofHours(5)), 0.9));
        patterns.save(new Pattern("recurring|cache|timeout:x", PatternKind.RECURRING, Set.of("cache"), "", "", "", 3,
                DAY0, DAY0, 0.99));

        List<PatternAdvice> advice = advisor(PreventionConfig.off()).advise("db:primary", CANDIDATES);

        assertThat(advice).extracting(a -> a.problem().failureType()).containsExactly("connection_refused", "timeout");
    }

    @Test
    void withPreventionOffNothingIsEverSuggested() {
        patterns.save(daily(0.9));
        clock.advance(Duration.ofHours(13).plusMinutes(50));

        assertThat(advisor(PreventionConfig.off()).preventions("db:primary", CANDIDATES)).isEmpty();
    }

    @Test
    void aDailyPatternDueWithinTheLeadGetsTheBestLowRiskActionOnly() {
        patterns.save(daily(0.9));
        Problem problem = new Problem(DAILY, "timeout");
        outcomes(problem, "scale-up", 20, 0);
        outcomes(problem, "restart", 20, 0);
        outcomes(problem, "warm-cache", 8, 2);
        PatternAdvisor advisor = advisor(PreventionConfig.on());

        clock.advance(Duration.ofHours(13).plusMinutes(30));
        assertThat(advisor.preventions("db:primary", CANDIDATES)).as("30 min ahead: too early").isEmpty();

        clock.advance(Duration.ofMinutes(20));
        List<PreventiveAction> now = advisor.preventions("db:primary", CANDIDATES);

        assertThat(now).singleElement().satisfies(p -> {
            assertThat(p.action().action()).isEqualTo("warm-cache");
            assertThat(p.action().risk()).isEqualTo(Risk.LOW);
            assertThat(p.expectedAt()).isEqualTo(DAY0.plus(Duration.ofDays(3)).plus(Duration.ofHours(14)));
            assertThat(p.problem()).isEqualTo(problem);
            assertThat(p.reason()).contains("warm-cache", "8 of 10");
        });
    }

    @Test
    void noSuggestionWithoutALowRiskCandidateThatStillHelps() {
        patterns.save(daily(0.9));
        Problem problem = new Problem(DAILY, "timeout");
        outcomes(problem, "warm-cache", 0, 3);
        outcomes(problem, "alert", 0, 3);
        clock.advance(Duration.ofHours(13).plusMinutes(50));

        PatternAdvisor advisor = advisor(PreventionConfig.on());

        assertThat(advisor.preventions("db:primary", CANDIDATES)).isEmpty();
        assertThat(advisor.preventions("db:primary", List.of(SCALE_UP, RESTART))).isEmpty();
    }

    @Test
    void aPatternBelowTheConfidenceOrACoOccurrenceIsNotActedOnAhead() {
        patterns.save(daily(0.5));
        patterns.save(new Pattern("co-occurrence|api+db:primary", PatternKind.CO_OCCURRENCE, Set.of("api", "db:primary"),
                "", "", "", 4, DAY0, DAY0.plus(Duration.ofDays(3)).plus(Duration.ofHours(13).plusMinutes(55)), 0.95));
        clock.advance(Duration.ofHours(13).plusMinutes(50));

        assertThat(advisor(PreventionConfig.on()).preventions("db:primary", CANDIDATES)).isEmpty();
    }

    @Test
    void aRecurringPatternIsExpectedAfterItsMeanInterval() {
        // 4 occurrences 2 h apart, the last at 10:00 on day 3: next at 12:00
        Instant last = DAY0.plus(Duration.ofDays(3)).plus(Duration.ofHours(10));
        patterns.save(new Pattern("recurring|db:primary|resource:pool", PatternKind.RECURRING, Set.of("db:primary"),
                "pool exhausted", "leak", "reset the pool", 4, last.minus(Duration.ofHours(6)), last, 0.9));
        PatternAdvisor advisor = advisor(PreventionConfig.on());

        clock.advance(Duration.ofHours(11).plusMinutes(40));
        assertThat(advisor.preventions("db:primary", CANDIDATES)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(advisor.preventions("db:primary", CANDIDATES)).singleElement()
                .satisfies(p -> assertThat(p.expectedAt()).isEqualTo(last.plus(Duration.ofHours(2))));
        clock.advance(Duration.ofMinutes(20));
        assertThat(advisor.preventions("db:primary", CANDIDATES)).as("overdue: no longer a prediction").isEmpty();
    }

    @Test
    void suggestsPreventionFromARealDetectorsTimeOfDayPattern() {
        PatternDetector detector = PatternDetector.create(PatternDetectorConfig.ofDefaults());
        for (int day = 0; day < 3; day++) {
            Instant stall = DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(14)).plus(Duration.ofMinutes(day));
            for (int i = 0; i < 10; i++) {
                detector.observe(new FailureEvent("db:primary", ErrorCategory.TIMEOUT, "SQLTimeoutException", "stall",
                        stall.plusSeconds(i), Map.of()), d -> { });
            }
        }
        PatternAdvisor advisor = PatternAdvisor.builder().learner(learner).patterns(detector).clock(clock)
                .prevention(new PreventionConfig(true, Duration.ofMinutes(15), 0.1)).build();
        clock.advance(Duration.ofHours(13).plusMinutes(55));

        List<PreventiveAction> suggestions = advisor.preventions("db:primary", CANDIDATES);

        assertThat(suggestions).isNotEmpty().allSatisfy(p -> assertThat(p.action().risk()).isEqualTo(Risk.LOW));
        assertThat(suggestions).extracting(PreventiveAction::pattern).contains(DAILY);
        assertThat(advisor.advise("api", CANDIDATES)).isEmpty();
    }

    @Test
    void rejectsAMissingPartAndAnUnsafePreventiveAction() {
        assertThatThrownBy(() -> PatternAdvisor.builder().learner(learner).clock(clock).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PreventionConfig(true, Duration.ZERO, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreventionConfig(true, Duration.ofMinutes(5), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        var scaleUp = learner.rank(new Problem(DAILY, "timeout"), List.of(SCALE_UP)).best().orElseThrow();
        assertThatThrownBy(() -> new PreventiveAction("db", DAILY, new Problem(DAILY, "timeout"), clock.instant(), scaleUp,
                "")).isInstanceOf(IllegalArgumentException.class);
    }
}
