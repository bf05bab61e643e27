package io.homeostat.engine.learn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Candidates for one problem in the order the planner should try them. Immutable and thread-safe.
 *
 * <p>The order: demoted actions last; otherwise by {@link RankedAction#score()} (higher first),
 * then mean time to recover (shorter first, unknown last), then risk (lower first), then name.
 * When the ranking {@linkplain #exploring() explores}, one non-demoted {@link Risk#LOW} action
 * that might still beat the leader (upper bound above the leader's score) is moved to the front.
 *
 * @param problem the problem ranked for
 * @param actions every candidate once, best first
 */
public record Ranking(Problem problem, List<RankedAction> actions) {

    public Ranking {
        Objects.requireNonNull(problem, "problem");
        actions = List.copyOf(actions);
    }

    /** The first action, if there are candidates. */
    public Optional<RankedAction> best() {
        return actions.isEmpty() ? Optional.empty() : Optional.of(actions.getFirst());
    }

    /** True if the first action was put there to explore it. */
    public boolean exploring() {
        return !actions.isEmpty() && actions.getFirst().explored();
    }

    /** The action names in order. */
    public List<String> order() {
        return actions.stream().map(RankedAction::action).toList();
    }
}
