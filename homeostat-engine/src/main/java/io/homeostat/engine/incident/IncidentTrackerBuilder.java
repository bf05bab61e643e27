package io.homeostat.engine.incident;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.IncidentStore;
import java.util.Objects;
import java.util.function.Supplier;

/** Builds an {@link IncidentTracker}; from {@link IncidentTracker#builder}. Not thread-safe. */
public final class IncidentTrackerBuilder {

    private final IncidentStore store;
    private Clock clock = Clock.system();
    private Supplier<DependencyGraph> graph = DependencyGraph::empty;
    private IncidentTrackerConfig config = IncidentTrackerConfig.ofDefaults();

    IncidentTrackerBuilder(IncidentStore store) {
        this.store = store;
    }

    /** The clock all incident times come from; default {@link Clock#system()}. */
    public IncidentTrackerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** A fixed dependency graph for correlation; default empty (only the same service correlates). */
    public IncidentTrackerBuilder graph(DependencyGraph graph) {
        Objects.requireNonNull(graph, "graph");
        this.graph = () -> graph;
        return this;
    }

    /** Where the current dependency graph is read from at each detection, for a graph that grows. */
    public IncidentTrackerBuilder graph(Supplier<DependencyGraph> graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
        return this;
    }

    /** The configuration; default {@link IncidentTrackerConfig#ofDefaults()}. */
    public IncidentTrackerBuilder config(IncidentTrackerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /**
     * The tracker. It takes over the active incidents already in the store, treating each of
     * their fingerprints as just fired (they resolve after a hold period unless they fire again).
     */
    public IncidentTracker build() {
        return new IncidentTracker(store, clock, graph, config);
    }
}
