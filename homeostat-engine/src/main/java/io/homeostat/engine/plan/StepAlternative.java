package io.homeostat.engine.plan;

import java.util.Map;

/**
 * One way of doing a step that offers several: an action with its parameters. Which one runs is
 * decided when the step is reached, by the orchestrator's step order (in the loop: learned
 * effectiveness, recency and risk). Immutable.
 *
 * @param action the action's catalog name; unique among the step's alternatives
 * @param params the action's parameters; {@code ${service}} in a value stands for the incident's service
 */
public record StepAlternative(String action, Map<String, String> params) {

    /**
     * @throws IllegalArgumentException if {@code action} is blank
     * @throws NullPointerException if a component is null
     */
    public StepAlternative {
        WorkflowStep.requireText(action, "action");
        params = Map.copyOf(params);
    }
}
