package io.homeostat.engine.execute;

import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.Workflow;
import java.util.List;

/**
 * The planner's order of the workflows that match a trigger; the orchestrator starts the first.
 * The default keeps the catalog's order (priority, then specificity); the loop orders by learned
 * effectiveness. Implementations must be thread-safe, quick, and return a permutation of (or a
 * subset of) the candidates.
 */
@FunctionalInterface
public interface WorkflowOrder {

    /** The catalog's order. */
    WorkflowOrder AS_CATALOG = (trigger, incident, candidates) -> candidates;

    /**
     * The candidates, best first.
     *
     * @param candidates the matching workflows in catalog order; never empty
     */
    List<Workflow> order(RecoveryTrigger trigger, Incident incident, List<Workflow> candidates);
}
