package io.homeostat.engine.plan;

import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a workflow: an action with its parameters, what must hold afterwards, and what to do
 * if it fails. Immutable.
 *
 * @param name unique within its workflow
 * @param action the action's catalog name, e.g. {@code failover}
 * @param params the action's parameters; {@code ${service}} in a value stands for the incident's service
 * @param success criteria that must all hold on fresh signals after the action; empty means the
 *     action's own success is enough
 * @param onFailure what to do when the step fails
 * @param timeout how long the step may take, action and verification together, from its first
 *     attempt (waiting before it, for a delay or a gate such as a cooldown, does not count)
 * @param delay how long to wait before acting (e.g. a graceful restart 60 s after scaling); may be zero
 * @param attempts how many times to try the action before the step fails (at least 1)
 * @param backoff the wait before the second attempt; doubles with each further attempt
 * @param alternatives empty, or the ways of doing the step, at least two with distinct actions, the
 *     first being {@code action} with {@code params}; the orchestrator picks one when the step is
 *     reached and records its choice (see {@link #options()})
 */
public record WorkflowStep(String name, String action, Map<String, String> params, List<SuccessCriterion> success,
        OnFailure onFailure, Duration timeout, Duration delay, int attempts, Duration backoff,
        List<StepAlternative> alternatives) {

    /** The default step timeout: 2 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** The most {@link #attempts()} a step may make: {@value}. */
    public static final int MAX_ATTEMPTS = 10;

    public WorkflowStep {
        requireText(name, "name");
        requireText(action, "action");
        params = Map.copyOf(params);
        success = List.copyOf(success);
        Objects.requireNonNull(onFailure, "onFailure");
        requirePositive(timeout, "timeout");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts must be in [1, " + MAX_ATTEMPTS + "], was " + attempts);
        }
        requirePositive(backoff, "backoff");
        Duration longest = success.stream().map(SuccessCriterion::holdFor).max(Duration::compareTo).orElse(Duration.ZERO);
        if (longest.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("timeout " + Durations.text(timeout) + " must be longer than the success"
                    + " hold " + Durations.text(longest));
        }
        alternatives = List.copyOf(alternatives);
        if (!alternatives.isEmpty()) {
            if (alternatives.size() < 2) {
                throw new IllegalArgumentException("alternatives needs at least two, was " + alternatives.size());
            }
            if (!alternatives.getFirst().action().equals(action) || !alternatives.getFirst().params().equals(params)) {
                throw new IllegalArgumentException("the first alternative must be the step's own action and params");
            }
            Set<String> actions = new HashSet<>();
            for (StepAlternative a : alternatives) {
                if (!actions.add(a.action())) {
                    throw new IllegalArgumentException("alternatives name action '" + a.action()
                            + "' twice; each alternative needs its own action");
                }
            }
        }
    }

    /** A step without alternatives. */
    public WorkflowStep(String name, String action, Map<String, String> params, List<SuccessCriterion> success,
            OnFailure onFailure, Duration timeout, Duration delay, int attempts, Duration backoff) {
        this(name, action, params, success, onFailure, timeout, delay, attempts, backoff, List.of());
    }

    /** The ways of doing the step: its alternatives, or its one action with its params. */
    public List<StepAlternative> options() {
        return alternatives.isEmpty() ? List.of(new StepAlternative(action, params)) : alternatives;
    }

    /** The alternative whose action is {@code action}, if the step offers it. */
    public Optional<StepAlternative> alternative(String action) {
        return options().stream().filter(a -> a.action().equals(action)).findFirst();
    }

    /** This step done the way of {@code chosen}: its action and params, no alternatives. */
    public WorkflowStep as(StepAlternative chosen) {
        return new WorkflowStep(name, chosen.action(), chosen.params(), success, onFailure, timeout, delay, attempts,
                backoff, List.of());
    }

    /** A step with defaults: no criteria, rollback on failure, 2 minute timeout, no delay, one attempt, 1 s backoff. */
    public static WorkflowStep of(String name, String action, Map<String, String> params) {
        return new WorkflowStep(name, action, params, List.of(), OnFailure.ROLLBACK, DEFAULT_TIMEOUT, Duration.ZERO, 1,
                Duration.ofSeconds(1), List.of());
    }

    static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    static void requirePositive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
