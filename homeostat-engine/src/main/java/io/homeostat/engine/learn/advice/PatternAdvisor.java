package io.homeostat.engine.learn.advice;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternDetector;
import io.homeostat.engine.detect.pattern.Recommendation;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RankedAction;
import io.homeostat.engine.learn.Ranking;
import io.homeostat.engine.learn.Risk;
import io.homeostat.engine.port.PatternStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Combines recognised patterns with learned effectiveness. {@link #advise} gives, for each pattern
 * involving a service (most confident first), its recommendation and the candidates ranked for the
 * pattern's {@link Problem} (its signature, then its failure category). {@link #preventions}, when
 * {@link PreventionConfig#enabled() enabled}, suggests for each time-of-day or recurring pattern
 * predicted to recur within {@link PreventionConfig#lead()} the best-ranked non-demoted
 * {@link Risk#LOW} candidate; never a medium- or high-risk one, and nothing when no low-risk
 * candidate is left. Both are queries: nothing is run, and the orchestrator records what it does
 * with them under the advice's problem so the learner learns what prevents what.
 *
 * <p>Thread-safe if its pattern source is (a {@link PatternDetector}'s and a
 * {@link PatternStore}'s are).
 */
public final class PatternAdvisor {

    private static final Comparator<Pattern> MOST_CONFIDENT =
            Comparator.comparingDouble(Pattern::confidence).reversed().thenComparing(Pattern::signature);

    private final EffectivenessLearner learner;
    private final Function<String, List<Pattern>> patterns;
    private final Clock clock;
    private final PreventionConfig prevention;

    private PatternAdvisor(EffectivenessLearner learner, Function<String, List<Pattern>> patterns, Clock clock,
            PreventionConfig prevention) {
        this.learner = learner;
        this.patterns = patterns;
        this.clock = clock;
        this.prevention = prevention;
    }

    /** A builder; learner, pattern source and clock are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One piece of advice per pattern involving {@code service}, most confident first.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an action appears twice among the candidates
     */
    public List<PatternAdvice> advise(String service, List<Candidate> candidates) {
        List<PatternAdvice> advice = new ArrayList<>();
        for (Pattern pattern : patternsOf(service)) {
            Problem problem = Recurrence.problem(pattern);
            advice.add(new PatternAdvice(Recommendation.of(service, pattern), problem, learner.rank(problem, candidates)));
        }
        return advice;
    }

    /**
     * Low-risk actions to take now because a pattern involving {@code service} is predicted to
     * recur soon, the soonest first; always empty when prevention is off.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an action appears twice among the candidates
     */
    public List<PreventiveAction> preventions(String service, List<Candidate> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        if (!prevention.enabled()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<PreventiveAction> suggestions = new ArrayList<>();
        for (Pattern pattern : patternsOf(service)) {
            if (pattern.confidence() < prevention.minConfidence()) {
                continue;
            }
            Optional<Instant> next = Recurrence.next(pattern, now);
            if (next.isEmpty() || Duration.between(now, next.get()).compareTo(prevention.lead()) > 0) {
                continue;
            }
            Problem problem = Recurrence.problem(pattern);
            Ranking ranking = learner.rank(problem, candidates);
            Optional<RankedAction> safe = ranking.actions().stream()
                    .filter(a -> a.risk() == Risk.LOW && !a.demoted()).findFirst();
            safe.ifPresent(action -> suggestions.add(new PreventiveAction(service, pattern.signature(), problem,
                    next.get(), action, pattern.description() + ": expected again at " + next.get() + ", "
                            + action.action() + " before it (" + action.evidence().successes() + " of "
                            + action.evidence().attempts() + " helped before)")));
        }
        suggestions.sort(Comparator.comparing(PreventiveAction::expectedAt).thenComparing(PreventiveAction::pattern));
        return suggestions;
    }

    /** The prevention settings in use. */
    public PreventionConfig prevention() {
        return prevention;
    }

    private List<Pattern> patternsOf(String service) {
        Objects.requireNonNull(service, "service");
        return patterns.apply(service).stream().filter(p -> p.involves(service)).sorted(MOST_CONFIDENT).toList();
    }

    /** Builds a {@link PatternAdvisor}. Not thread-safe. */
    public static final class Builder {
        private EffectivenessLearner learner;
        private Function<String, List<Pattern>> patterns;
        private Clock clock;
        private PreventionConfig prevention = PreventionConfig.off();

        private Builder() {}

        /** Ranks candidates; required. */
        public Builder learner(EffectivenessLearner learner) {
            this.learner = Objects.requireNonNull(learner, "learner");
            return this;
        }

        /** Patterns from a running detector (one pattern source is required). */
        public Builder patterns(PatternDetector detector) {
            Objects.requireNonNull(detector, "detector");
            this.patterns = service -> detector.patterns();
            return this;
        }

        /** Patterns from a store (one pattern source is required). */
        public Builder patterns(PatternStore store) {
            Objects.requireNonNull(store, "store");
            this.patterns = store::forService;
            return this;
        }

        /** The time predictions are measured from; required. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Whether and how to suggest prevention; default {@link PreventionConfig#off()}. */
        public Builder prevention(PreventionConfig prevention) {
            this.prevention = Objects.requireNonNull(prevention, "prevention");
            return this;
        }

        /**
         * The advisor.
         *
         * @throws IllegalStateException if the learner, the pattern source or the clock is missing
         */
        public PatternAdvisor build() {
            if (learner == null || patterns == null || clock == null) {
                throw new IllegalStateException("a PatternAdvisor needs a learner, a pattern source and a clock");
            }
            return new PatternAdvisor(learner, patterns, clock, prevention);
        }
    }
}
