package io.homeostat.engine.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which service calls which: {@code triage -> llm:openai} means triage depends on
 * {@code llm:openai}, so a failure of {@code llm:openai} can explain a failure of triage.
 * Declared in configuration and extended by what the guards observe. Immutable and thread-safe;
 * {@link #with} returns a new graph.
 */
public final class DependencyGraph {

    private static final DependencyGraph EMPTY = new DependencyGraph(Map.of(), Map.of());

    private final Map<String, Set<String>> dependencies;
    private final Map<String, Set<String>> dependents;

    private DependencyGraph(Map<String, Set<String>> dependencies, Map<String, Set<String>> dependents) {
        this.dependencies = dependencies;
        this.dependents = dependents;
    }

    /** A graph with no services. */
    public static DependencyGraph empty() {
        return EMPTY;
    }

    /**
     * A graph from declared edges: each key depends on every service in its value.
     *
     * @throws IllegalArgumentException if a name is blank or a service depends on itself
     */
    public static DependencyGraph of(Map<String, ? extends Set<String>> edges) {
        DependencyGraph graph = EMPTY;
        for (Map.Entry<String, ? extends Set<String>> entry : edges.entrySet()) {
            for (String dependency : entry.getValue()) {
                graph = graph.with(entry.getKey(), dependency);
            }
        }
        return graph;
    }

    /**
     * This graph plus the edge {@code service -> dependency}; this graph if it has it already.
     *
     * @throws IllegalArgumentException if a name is blank or both names are the same
     */
    public DependencyGraph with(String service, String dependency) {
        requireName(service, "service");
        requireName(dependency, "dependency");
        if (service.equals(dependency)) {
            throw new IllegalArgumentException("a service cannot depend on itself: " + service);
        }
        if (dependenciesOf(service).contains(dependency)) {
            return this;
        }
        return new DependencyGraph(add(dependencies, service, dependency), add(dependents, dependency, service));
    }

    /** Every service named in the graph, in the order first declared. */
    public Set<String> services() {
        Set<String> all = new LinkedHashSet<>(dependencies.keySet());
        all.addAll(dependents.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** The services {@code service} calls directly; empty if none or unknown. */
    public Set<String> dependenciesOf(String service) {
        return dependencies.getOrDefault(service, Set.of());
    }

    /** The services that call {@code service} directly; empty if none or unknown. */
    public Set<String> dependentsOf(String service) {
        return dependents.getOrDefault(service, Set.of());
    }

    /** True if {@code downstream} depends on {@code upstream}, directly or through others. */
    public boolean isUpstreamOf(String upstream, String downstream) {
        return !upstream.equals(downstream) && reachable(downstream, dependencies).contains(upstream);
    }

    /** True if one of the two depends on the other, directly or transitively. */
    public boolean related(String a, String b) {
        return isUpstreamOf(a, b) || isUpstreamOf(b, a);
    }

    /** Every service that depends on {@code service}, directly or transitively. */
    public Set<String> impactOf(String service) {
        return reachable(service, dependents);
    }

    private static Set<String> reachable(String from, Map<String, Set<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(edges.getOrDefault(from, Set.of()));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (!next.equals(from) && seen.add(next)) {
                queue.addAll(edges.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    private static Map<String, Set<String>> add(Map<String, Set<String>> edges, String from, String to) {
        Map<String, Set<String>> copy = new LinkedHashMap<>(edges);
        Set<String> targets = new LinkedHashSet<>(copy.getOrDefault(from, Set.of()));
        targets.add(to);
        copy.put(from, Collections.unmodifiableSet(targets));
        return Collections.unmodifiableMap(copy);
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DependencyGraph graph && graph.dependencies.equals(dependencies);
    }

    @Override
    public int hashCode() {
        return dependencies.hashCode();
    }

    @Override
    public String toString() {
        return "DependencyGraph" + dependencies;
    }
}
