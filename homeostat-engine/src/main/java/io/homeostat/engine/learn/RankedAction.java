package io.homeostat.engine.learn;

import java.util.Objects;

/**
 * One candidate in a {@link Ranking}, with the evidence it was ranked on. Immutable and thread-safe.
 *
 * @param candidate the action and its risk
 * @param evidence the tally it was ranked on: the fingerprint's or the failure type's (see
 *     {@link Effectiveness#problem()}), or an empty one if it was never tried
 * @param score the lower confidence bound of its success rate, in [0, 1]
 * @param demoted true if it failed too often in a row or is confidently poor; demoted actions rank
 *     after all others
 * @param explored true if it was put first to learn about it, not because it is proven
 */
public record RankedAction(Candidate candidate, Effectiveness evidence, double score, boolean demoted,
        boolean explored) {

    public RankedAction {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The action's name. */
    public String action() {
        return candidate.action();
    }

    /** The action's risk. */
    public Risk risk() {
        return candidate.risk();
    }

    RankedAction asExplored() {
        return new RankedAction(candidate, evidence, score, demoted, true);
    }
}
