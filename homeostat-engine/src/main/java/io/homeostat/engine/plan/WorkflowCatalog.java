package io.homeostat.engine.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workflows to choose from and the choice for one trigger: among those whose trigger, service
 * selector and categories match, the highest priority, then the most specific service pattern,
 * then the first in the list. Immutable and thread-safe.
 */
public final class WorkflowCatalog {

    private final List<Workflow> workflows;

    private WorkflowCatalog(List<Workflow> workflows) {
        this.workflows = workflows;
    }

    /**
     * A catalog of {@code workflows}, in order.
     *
     * @throws IllegalArgumentException if two share a name
     */
    public static WorkflowCatalog of(List<Workflow> workflows) {
        List<Workflow> copy = List.copyOf(workflows);
        if (copy.stream().map(Workflow::name).distinct().count() != copy.size()) {
            throw new IllegalArgumentException("workflow names must be unique");
        }
        return new WorkflowCatalog(copy);
    }

    /** Every workflow, in order. */
    public List<Workflow> workflows() {
        return workflows;
    }

    /** The workflow named so, if any. */
    public Optional<Workflow> find(String name) {
        return workflows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * The workflow for a trigger on a service, for an incident of {@code category}.
     *
     * @return empty if none matches
     */
    public Optional<Workflow> select(TriggerType trigger, String service, String category) {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(category, "category");
        Comparator<Workflow> best = Comparator.<Workflow>comparingInt(w -> w.priority())
                .thenComparingInt(w -> w.services().specificity(service));
        Workflow chosen = null;
        for (Workflow w : workflows) {
            if (w.matches(trigger, service, category) && (chosen == null || best.compare(w, chosen) > 0)) {
                chosen = w;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
