package io.homeostat.engine.loop;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.engine.learn.Candidate;
import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RankedAction;
import io.homeostat.engine.learn.Ranking;
import io.homeostat.engine.learn.Risk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Ranks alternatives for one problem (the workflows that match, or the alternatives of a step) and
 * says why each is where it is. On top of the {@link EffectivenessLearner}'s ranking (the lower
 * confidence bound of the success rate, demotion of what keeps failing, exploration among low-risk
 * alternatives only) it weighs recency: a tally's score halves with every {@code halfLife} since
 * its latest outcome, so what helped last week leads what helped last year. Order: an explored
 * alternative first, demoted ones last; else weighted score (higher first), mean time to recover
 * (shorter first), risk (lower first), then the order given. Thread-safe and stateless.
 */
final class AlternativeRanking {

    /** The default half-life of evidence: {@value #DEFAULT_HALF_LIFE_DAYS} days. */
    static final int DEFAULT_HALF_LIFE_DAYS = 30;

    private final EffectivenessLearner learner;
    private final Clock clock;
    private final Duration halfLife;

    AlternativeRanking(EffectivenessLearner learner, Clock clock, Duration halfLife) {
        this.learner = Objects.requireNonNull(learner, "learner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.halfLife = Durations.requirePositive(halfLife, "halfLife");
    }

    /**
     * One alternative in its place.
     *
     * @param index its position in the order given
     * @param weighted its score weighed by recency
     * @param why one line for the audit trail
     */
    record Ranked(int index, RankedAction learned, double weighted, String why) {

        String action() {
            return learned.action();
        }

        boolean tried() {
            return learned.evidence().attempts() > 0;
        }
    }

    /** The candidates, best first. */
    List<Ranked> rank(Problem problem, List<Candidate> candidates) {
        Ranking ranking = learner.rank(problem, candidates);
        Instant now = clock.instant();
        List<Ranked> ranked = new ArrayList<>();
        for (RankedAction r : ranking.actions()) {
            int index = indexOf(candidates, r.action());
            Effectiveness e = r.evidence();
            Duration age = e.attempts() == 0 || e.lastOutcome().isAfter(now) ? Duration.ZERO
                    : Duration.between(e.lastOutcome(), now);
            double weight = Math.pow(0.5, age.toMillis() / (double) halfLife.toMillis());
            double weighted = r.score() * weight;
            ranked.add(new Ranked(index, r, weighted, why(r, age, weight, weighted)));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> !r.learned().explored())
                .thenComparing(r -> r.learned().demoted())
                .thenComparing(Comparator.comparingDouble(Ranked::weighted).reversed())
                .thenComparingLong(r -> r.learned().evidence().meanTimeToRecover().map(Duration::toMillis)
                        .orElse(Long.MAX_VALUE))
                .thenComparing(r -> r.learned().risk())
                .thenComparingInt(Ranked::index));
        return ranked;
    }

    private String why(RankedAction r, Duration age, double weight, double weighted) {
        Effectiveness e = r.evidence();
        String risk = r.risk().name().toLowerCase(Locale.ROOT) + " risk";
        StringBuilder why = new StringBuilder();
        if (e.attempts() == 0) {
            why.append("never tried on this problem; ").append(risk);
        } else {
            why.append(e.successes()).append('/').append(e.attempts()).append(" verified on ").append(e.problem())
                    .append(" (lower bound ").append(round(r.score())).append("), last ").append(ago(age))
                    .append(" ago, recency weight ").append(round(weight)).append(" -> ").append(round(weighted));
            e.meanTimeToRecover().ifPresent(d -> why.append(", mean time to recover ").append(d));
            why.append("; ").append(risk);
        }
        if (r.demoted()) {
            why.append("; demoted: ").append(e.consecutiveFailures() >= learner.config().demoteAfterFailures()
                    ? e.consecutiveFailures() + " failures in a row" : "confidently poor");
        }
        if (r.explored()) {
            why.append("; explored: ").append(r.risk() == Risk.LOW ? "low risk, " : "")
                    .append("tried too little to tell whether it beats the leader");
        }
        return why.toString();
    }

    private static int indexOf(List<Candidate> candidates, String action) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).action().equals(action)) {
                return i;
            }
        }
        return candidates.size();
    }

    private static String ago(Duration age) {
        if (age.toMinutes() < 120) {
            return age.toMinutes() + " min";
        }
        return age.toHours() < 48 ? age.toHours() + " h" : age.toDays() + " d";
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
