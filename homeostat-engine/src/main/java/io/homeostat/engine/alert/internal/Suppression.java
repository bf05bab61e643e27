package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.FlapPolicy;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.UpstreamCause;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Silences and inhibition: whether an alert may be notified now. Inhibition: a critical alert on
 * a service upstream of the alert's service (in the dependency graph, directly or transitively)
 * explains it while it fires, and also while it flaps (a flapping resolution is not trusted, so
 * the dependents do not surface in the gaps); it inhibits even while itself silenced. Guarded by
 * the engine's lock.
 */
final class Suppression {

    private final Map<String, Silence> silences = new LinkedHashMap<>();
    private final Map<String, Set<String>> upstreamOf = new HashMap<>();
    private final FlapPolicy flap;
    private DependencyGraph graph;

    Suppression(DependencyGraph graph, FlapPolicy flap) {
        this.graph = graph;
        this.flap = flap;
    }

    void graph(DependencyGraph graph) {
        this.graph = graph;
        upstreamOf.clear();
    }

    void add(Silence silence) {
        silences.put(silence.id(), silence);
    }

    Optional<Silence> silence(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    void replace(Silence silence) {
        silences.put(silence.id(), silence);
    }

    void remove(String id) {
        silences.remove(id);
    }

    /** Silences not over at {@code now}, by start; drops the ones that are over. */
    List<Silence> current(Instant now) {
        silences.values().removeIf(s -> !now.isBefore(s.endsAt()));
        List<Silence> list = new ArrayList<>(silences.values());
        list.sort(Comparator.comparing(Silence::startsAt));
        return list;
    }

    /** The id of the first silence that mutes {@code labels} at {@code now}, if one does. */
    Optional<String> silencedBy(Labels labels, Instant now) {
        for (Silence silence : silences.values()) {
            if (silence.mutes(labels, now)) {
                return Optional.of(silence.id());
            }
        }
        return Optional.empty();
    }

    Verdict judge(TrackedAlert alert, Collection<TrackedAlert> all, Instant now) {
        if (!alert.firing) {
            return new Verdict(AlertState.RESOLVED, "");
        }
        Optional<String> silence = silencedBy(alert.labels, now);
        if (silence.isPresent()) {
            return new Verdict(AlertState.SILENCED, silence.get());
        }
        Optional<UpstreamCause> cause = upstreamCause(alert.labels.service(), all, now);
        if (cause.isPresent()) {
            return new Verdict(AlertState.INHIBITED, cause.get().upstream());
        }
        return new Verdict(AlertState.FIRING, "");
    }

    Optional<UpstreamCause> upstreamCause(String service, Collection<TrackedAlert> all, Instant now) {
        Set<String> upstream = upstreamOf.computeIfAbsent(service, this::ancestors);
        if (upstream.isEmpty()) {
            return Optional.empty();
        }
        for (TrackedAlert source : all) {
            if (upstream.contains(source.labels.service()) && source.labels.severity() == Severity.CRITICAL
                    && (source.firing || source.flapping(now, flap.transitions(), flap.window()))) {
                return Optional.of(new UpstreamCause(service, source.labels.service(), source.fingerprint(),
                        source.summary));
            }
        }
        return Optional.empty();
    }

    /** Every service {@code service} depends on, directly or transitively. */
    private Set<String> ancestors(String service) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(graph.dependenciesOf(service));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (!next.equals(service) && seen.add(next)) {
                queue.addAll(graph.dependenciesOf(next));
            }
        }
        return seen;
    }
}
