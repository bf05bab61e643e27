package io.homeostat.engine.diagnose;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.diagnose.rule.RuleSet;
import io.homeostat.engine.graph.DependencyGraph;
import java.util.Objects;
import java.util.function.Supplier;

/** Builds a {@link Diagnoser}. Not thread-safe; build once and share the diagnoser. */
public final class DiagnoserBuilder {

    private final RuleSet rules;
    private RecentSignals signals;
    private Supplier<DependencyGraph> graph = DependencyGraph::empty;
    private Clock clock = Clock.system();
    private DiagnoserConfig config = DiagnoserConfig.ofDefaults();

    DiagnoserBuilder(RuleSet rules) {
        this.rules = rules;
    }

    /** The recent facts, rates and failure episodes of services; default none (detections only). */
    public DiagnoserBuilder signals(RecentSignals signals) {
        this.signals = Objects.requireNonNull(signals, "signals");
        return this;
    }

    /** A fixed dependency graph; default empty. */
    public DiagnoserBuilder graph(DependencyGraph graph) {
        Objects.requireNonNull(graph, "graph");
        this.graph = () -> graph;
        return this;
    }

    /** The current dependency graph, read once per diagnosis, e.g. a {@code DependencyLearner}. */
    public DiagnoserBuilder graph(Supplier<DependencyGraph> graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
        return this;
    }

    /** The clock that stamps diagnoses; default the system clock. */
    public DiagnoserBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Weights and limits; default {@link DiagnoserConfig#ofDefaults()}. */
    public DiagnoserBuilder config(DiagnoserConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /** The diagnoser. */
    public Diagnoser build() {
        return new Diagnoser(rules, signals, graph, clock, config);
    }
}
