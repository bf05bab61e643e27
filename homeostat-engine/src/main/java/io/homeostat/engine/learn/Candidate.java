package io.homeostat.engine.learn;

import java.util.Objects;

/**
 * Something the planner could do about a problem: an action, or a whole workflow named like one
 * (e.g. {@code workflow:ai-provider-failure}, whose risk is its riskiest step's). Immutable and
 * thread-safe.
 *
 * @param action the name outcomes are recorded under
 * @param risk how much harm it can do
 */
public record Candidate(String action, Risk risk) {

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the action is blank
     */
    public Candidate {
        Problem.requireText(action, "action");
        Objects.requireNonNull(risk, "risk");
    }
}
