package io.homeostat.engine.learn;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one recovery action (or whole workflow) did for one problem, as verified against fresh
 * signals: the value the orchestrator hands to the learner. Immutable and thread-safe.
 *
 * @param id unique per outcome, e.g. the workflow execution and step; recording the same id twice
 *     for the same problem counts once (replays after a crash are harmless)
 * @param problem what it was tried on
 * @param action the action's name, or a workflow's (e.g. {@code workflow:db-connection-lost}): the
 *     same name the planner ranks
 * @param succeeded whether recovery was verified
 * @param timeToRecover from the start of the action to verified recovery; {@link Duration#ZERO}
 *     when it failed (it is ignored then)
 * @param time when the outcome was verified
 */
public record RecoveryOutcome(
        String id, Problem problem, String action, boolean succeeded, Duration timeToRecover, Instant time) {

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if id or action is blank, or timeToRecover is negative
     */
    public RecoveryOutcome {
        Problem.requireText(id, "id");
        Objects.requireNonNull(problem, "problem");
        Problem.requireText(action, "action");
        Objects.requireNonNull(timeToRecover, "timeToRecover");
        if (timeToRecover.isNegative()) {
            throw new IllegalArgumentException("timeToRecover must not be negative, was " + timeToRecover);
        }
        Objects.requireNonNull(time, "time");
    }

    /** A verified recovery after {@code timeToRecover}. */
    public static RecoveryOutcome success(String id, Problem problem, String action, Duration timeToRecover,
            Instant time) {
        return new RecoveryOutcome(id, problem, action, true, timeToRecover, time);
    }

    /** An action that did not bring recovery. */
    public static RecoveryOutcome failure(String id, Problem problem, String action, Instant time) {
        return new RecoveryOutcome(id, problem, action, false, Duration.ZERO, time);
    }
}
