package io.homeostat.engine.learn;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.EffectivenessStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Learns which recovery actions help which problems, and ranks the planner's candidates by it.
 *
 * <p>{@link #record} tallies a verified outcome under the problem's fingerprint and its failure
 * type. {@link #rank} scores each candidate by the lower bound of its success rate
 * ({@link Effectiveness#lowerBound}), so a lucky 1 of 1 stays below a proven 95 of 100; uses the
 * fingerprint's tally once it holds {@link EffectivenessConfig#minEvidence()} attempts and the
 * failure type's (when it knows more) before; demotes actions that failed
 * {@link EffectivenessConfig#demoteAfterFailures()} times in a row (for
 * {@link EffectivenessConfig#demotion()} after the latest) or are confidently poor; and in
 * a seeded share of rankings puts first a {@link Risk#LOW} action that might still beat the leader
 * (its upper bound is above the leader's lower bound: untried, or tried too little to tell), so new
 * remedies get tried until they prove better or not, without ever gambling on a medium- or
 * high-risk one. It decides nothing and runs nothing.
 *
 * <p>Thread-safe: the store is, and the random draws of exploration are serialised.
 */
public final class EffectivenessLearner {

    private static final Comparator<RankedAction> ORDER = Comparator.comparing(RankedAction::demoted)
            .thenComparing(Comparator.comparingDouble(RankedAction::score).reversed())
            .thenComparingLong(r -> r.evidence().meanTimeToRecover().map(d -> d.toMillis()).orElse(Long.MAX_VALUE))
            .thenComparing(RankedAction::risk)
            .thenComparing(RankedAction::action);

    private final EffectivenessStore store;
    private final EffectivenessConfig config;
    private final RandomGenerator random;
    private final Clock clock;

    private EffectivenessLearner(EffectivenessStore store, EffectivenessConfig config, RandomGenerator random,
            Clock clock) {
        this.store = store;
        this.config = config;
        this.random = random;
        this.clock = clock;
    }

    /** A builder; a store is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tallies {@code outcome} under every key of its problem.
     *
     * @return true if it counted under at least one key (false: a replay of a recorded outcome)
     * @throws NullPointerException if {@code outcome} is null
     */
    public boolean record(RecoveryOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        boolean counted = false;
        for (String key : outcome.problem().keys()) {
            counted |= store.record(key, outcome);
        }
        return counted;
    }

    /**
     * The candidates for {@code problem}, best first (the order is on {@link Ranking}).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an action appears twice among the candidates
     */
    public Ranking rank(Problem problem, List<Candidate> candidates) {
        Objects.requireNonNull(problem, "problem");
        Map<String, Effectiveness> own = byAction(store.forProblem(problem.fingerprint()));
        Map<String, Effectiveness> ofType = byAction(store.forProblem(problem.typeKey()));
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        List<RankedAction> ranked = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            if (!seen.add(candidate.action())) {
                throw new IllegalArgumentException("candidate " + candidate.action() + " appears twice");
            }
            Effectiveness evidence = evidence(problem, candidate.action(), own, ofType);
            double score = evidence.lowerBound(config.z());
            ranked.add(new RankedAction(candidate, evidence, score, demoted(evidence, now), false));
        }
        ranked.sort(ORDER);
        explore(ranked);
        return new Ranking(problem, ranked);
    }

    /** The tally {@link #rank} would use for {@code action} on {@code problem}; empty if never tried. */
    public Optional<Effectiveness> effectiveness(Problem problem, String action) {
        Effectiveness chosen = evidence(problem, action, byAction(store.find(problem.fingerprint(), action).stream().toList()),
                byAction(store.find(problem.typeKey(), action).stream().toList()));
        return chosen.attempts() == 0 ? Optional.empty() : Optional.of(chosen);
    }

    /** The configuration in use. */
    public EffectivenessConfig config() {
        return config;
    }

    private Effectiveness evidence(Problem problem, String action, Map<String, Effectiveness> own,
            Map<String, Effectiveness> ofType) {
        Effectiveness fingerprint = own.getOrDefault(action, Effectiveness.none(problem.fingerprint(), action));
        if (fingerprint.attempts() >= config.minEvidence()) {
            return fingerprint;
        }
        Effectiveness type = ofType.getOrDefault(action, Effectiveness.none(problem.typeKey(), action));
        return type.attempts() > fingerprint.attempts() ? type : fingerprint;
    }

    private boolean demoted(Effectiveness evidence, Instant now) {
        boolean streak = evidence.consecutiveFailures() >= config.demoteAfterFailures()
                && now.isBefore(evidence.lastOutcome().plus(config.demotion()));
        return streak
                || (evidence.attempts() > 0 && evidence.upperBound(config.z()) < config.demoteBelow());
    }

    private void explore(List<RankedAction> ranked) {
        if (config.explorationShare() == 0) {
            return;
        }
        if (ranked.isEmpty()) {
            return;
        }
        double leader = ranked.getFirst().score();
        List<Integer> eligible = new ArrayList<>();
        for (int i = 1; i < ranked.size(); i++) {
            RankedAction r = ranked.get(i);
            if (r.risk() == Risk.LOW && !r.demoted() && r.evidence().upperBound(config.z()) > leader) {
                eligible.add(i);
            }
        }
        if (eligible.isEmpty()) {
            return;
        }
        int pick;
        synchronized (random) {
            if (random.nextDouble() >= config.explorationShare()) {
                return;
            }
            pick = eligible.get(random.nextInt(eligible.size()));
        }
        ranked.addFirst(ranked.remove(pick).asExplored());
    }

    private static Map<String, Effectiveness> byAction(List<Effectiveness> tallies) {
        Map<String, Effectiveness> map = new HashMap<>();
        for (Effectiveness e : tallies) {
            map.put(e.action(), e);
        }
        return map;
    }

    /** Builds an {@link EffectivenessLearner}. Not thread-safe. */
    public static final class Builder {
        private EffectivenessStore store;
        private EffectivenessConfig config = EffectivenessConfig.ofDefaults();
        private RandomGenerator random;
        private Clock clock = Clock.system();

        private Builder() {}

        /** The time demotions are measured against; default {@link Clock#system()}. Tests pass a ManualClock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where tallies are kept; required. */
        public Builder store(EffectivenessStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How to rank; default {@link EffectivenessConfig#ofDefaults()}. */
        public Builder config(EffectivenessConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The source of exploration draws; default an unseeded {@link SplittableRandom}. Tests pass a seeded one. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The learner.
         *
         * @throws IllegalStateException if no store was given
         */
        public EffectivenessLearner build() {
            if (store == null) {
                throw new IllegalStateException("an EffectivenessLearner needs a store");
            }
            return new EffectivenessLearner(store, config, random == null ? new SplittableRandom() : random, clock);
        }
    }
}
