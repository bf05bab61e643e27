package io.homeostat.server.runtime;

import io.homeostat.engine.detect.SeriesDetector;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.RecoveryPolicy;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.Workflow;
import java.util.List;
import java.util.Objects;

/**
 * How an embedding application tunes the server's loop beyond the shipped defaults: series
 * detectors added to the standard chain (e.g. its own threshold rules or predictions), workflows
 * tried beside the shipped ones, actions its workflows name, how incidents correlate and resolve,
 * the limits recovery keeps, and the declared dependency graph. Immutable; start from {@link #defaults()}.
 *
 * @param detectors series detectors run after the standard chain's; default none. One that repeats a
 *     firing detection ({@link io.homeostat.engine.detect.RepeatingDetector}) must do so at least every
 *     {@link IncidentTrackerConfig#firingRepeat()} of {@code tracking}, or the loop refuses to start
 * @param workflows workflows added to the shipped ones (a name may not repeat one); default none
 * @param actions actions added to the standard ones (a name may not repeat one); default none
 * @param tracking incident correlation, resolution and flapping; default {@link IncidentTrackerConfig#ofDefaults()}
 * @param policy recovery's limits; default {@link RecoveryPolicy#ofDefaults()}
 * @param graph which service calls which, for correlation and root-cause ranking; default empty,
 *     which leaves the loop to learn the graph from the bus
 */
public record LoopTuning(List<SeriesDetector> detectors, List<Workflow> workflows, List<Action> actions,
        IncidentTrackerConfig tracking, RecoveryPolicy policy, DependencyGraph graph) {

    /**
     * Validates and copies the parts.
     *
     * @throws NullPointerException if a part is null
     */
    public LoopTuning {
        detectors = List.copyOf(detectors);
        workflows = List.copyOf(workflows);
        actions = List.copyOf(actions);
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(graph, "graph");
    }

    /** The shipped defaults: nothing added, default incident tracking and recovery limits, no graph. */
    public static LoopTuning defaults() {
        return new LoopTuning(List.of(), List.of(), List.of(), IncidentTrackerConfig.ofDefaults(), RecoveryPolicy.ofDefaults(),
                DependencyGraph.empty());
    }

    /** This tuning with other incident tracking. */
    public LoopTuning withTracking(IncidentTrackerConfig tracking) {
        return new LoopTuning(detectors, workflows, actions, tracking, policy, graph);
    }
}
