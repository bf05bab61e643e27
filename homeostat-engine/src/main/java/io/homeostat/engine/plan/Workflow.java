package io.homeostat.engine.plan;

import io.homeostat.core.CallContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A recovery recipe. Immutable.
 *
 * @param name unique in a catalog
 * @param description one line for people
 * @param triggers the kinds of trigger it answers; at least one
 * @param services which services it is for
 * @param categories the incident categories it is for (e.g. {@code database}); empty means any
 * @param steps the steps, run in order; at least one, names unique
 * @param rollback steps run after the succeeded steps were undone, when the workflow rolls back
 * @param timeout how long the whole workflow may run; past it, it rolls back
 * @param priority higher wins when several workflows match
 * @param context what the protected calls are doing; the safety policy judges actions against it
 */
public record Workflow(String name, String description, Set<TriggerType> triggers, ServiceSelector services,
        Set<String> categories, List<WorkflowStep> steps, List<WorkflowStep> rollback, Duration timeout, int priority,
        CallContext context) {

    public Workflow {
        WorkflowStep.requireText(name, "name");
        Objects.requireNonNull(description, "description");
        triggers = Set.copyOf(triggers);
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException("a workflow needs at least one trigger");
        }
        Objects.requireNonNull(services, "services");
        categories = Set.copyOf(categories);
        steps = List.copyOf(steps);
        rollback = List.copyOf(rollback);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a workflow needs at least one step");
        }
        Set<String> names = new HashSet<>();
        for (WorkflowStep step : steps) {
            if (!names.add(step.name())) {
                throw new IllegalArgumentException("step name '" + step.name() + "' is used twice");
            }
        }
        WorkflowStep.requirePositive(timeout, "timeout");
        Objects.requireNonNull(context, "context");
    }

    /** True if it answers {@code trigger} on {@code service} for an incident of {@code category}. */
    public boolean matches(TriggerType trigger, String service, String category) {
        return triggers.contains(trigger) && services.matches(service)
                && (categories.isEmpty() || categories.contains(category));
    }
}
