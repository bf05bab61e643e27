package io.homeostat.engine.learn.advice;

import io.homeostat.engine.detect.pattern.Recommendation;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.Ranking;
import java.util.Objects;

/**
 * A pattern's recommendation for a service, with the planner's candidates ranked by what helped
 * this pattern (or its failure type) before. Immutable and thread-safe.
 *
 * @param recommendation what the pattern recommends, in words for people
 * @param problem the problem outcomes of actions against this pattern are recorded under: the
 *     pattern's signature and its failure category
 * @param ranking the candidates, best first
 */
public record PatternAdvice(Recommendation recommendation, Problem problem, Ranking ranking) {

    public PatternAdvice {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(ranking, "ranking");
    }
}
