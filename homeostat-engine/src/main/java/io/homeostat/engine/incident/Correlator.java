package io.homeostat.engine.incident;

import io.homeostat.engine.graph.DependencyGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the active incident a detection with a new fingerprint belongs to: one that fired within
 * the correlation window on the same service or on a service related in the dependency graph;
 * the one that fired last wins, ties going to the one opened first. An escalated incident is never
 * joined, nor a flapping one from another service: automation stands aside there, and the new
 * failure would go unrecovered. Stateless apart from its settings; called under the tracker's lock.
 */
final class Correlator {

    /** The incident to join, the service of it the detection relates to, and how, for people. */
    record Match(ActiveIncident incident, String relatedService, String relation) {}

    private final Supplier<DependencyGraph> graph;
    private final Duration window;

    Correlator(Supplier<DependencyGraph> graph, Duration window) {
        this.graph = graph;
        this.window = window;
    }

    /** @param candidates the active incidents, in the order they opened */
    Optional<Match> find(Iterable<ActiveIncident> candidates, String service, Instant now) {
        Instant from = now.minus(window);
        DependencyGraph dependencies = graph.get();
        Match best = null;
        for (ActiveIncident candidate : candidates) {
            if (candidate.lastFiringAt.isBefore(from)
                    || (best != null && !candidate.lastFiringAt.isAfter(best.incident().lastFiringAt))) {
                continue;
            }
            for (String other : candidate.incident.services()) {
                if (!joinable(candidate.incident, service, other)) {
                    continue;
                }
                Optional<String> relation = relation(dependencies, service, other);
                if (relation.isPresent()) {
                    best = new Match(candidate, other, relation.get());
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** A flapping incident takes its own service's new failures; an escalated one none. */
    private static boolean joinable(Incident incident, String service, String other) {
        if (incident.flapping()) {
            return service.equals(other);
        }
        return incident.status() != IncidentStatus.ESCALATED;
    }

    private static Optional<String> relation(DependencyGraph graph, String service, String other) {
        if (service.equals(other)) {
            return Optional.of("same service");
        }
        if (graph.isUpstreamOf(service, other)) {
            return Optional.of(other + " depends on " + service);
        }
        if (graph.isUpstreamOf(other, service)) {
            return Optional.of(service + " depends on " + other);
        }
        return Optional.empty();
    }
}
