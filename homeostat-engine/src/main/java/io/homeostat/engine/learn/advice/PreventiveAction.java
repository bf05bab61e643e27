package io.homeostat.engine.learn.advice;

import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RankedAction;
import io.homeostat.engine.learn.Risk;
import java.time.Instant;
import java.util.Objects;

/**
 * A suggestion to act before a pattern recurs: always a {@link Risk#LOW} action. A suggestion
 * only; the planner decides. Immutable and thread-safe.
 *
 * @param service the service it is for
 * @param pattern the signature of the pattern predicted to recur
 * @param problem the problem to record the action's outcome under
 * @param expectedAt when the pattern is predicted to recur
 * @param action the low-risk action, with the evidence it was chosen on
 * @param reason one sentence for people
 */
public record PreventiveAction(String service, String pattern, Problem problem, Instant expectedAt,
        RankedAction action, String reason) {

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the action is not low-risk
     */
    public PreventiveAction {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(expectedAt, "expectedAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (action.risk() != Risk.LOW) {
            throw new IllegalArgumentException("a preventive action must be low-risk, " + action.action() + " is "
                    + action.risk());
        }
    }
}
