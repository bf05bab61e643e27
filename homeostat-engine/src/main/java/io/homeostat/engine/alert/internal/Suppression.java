package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.UpstreamCause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Silences and inhibition: whether an alert may be notified now. Inhibition: a firing critical
 * alert on a service upstream of the alert's service (in the dependency graph, directly or
 * transitively) explains it; the critical alert inhibits even while itself silenced. Guarded by
 * the engine's lock.
 */
final class Suppression {

    private final Map<String, Silence> silences = new LinkedHashMap<>();
    private DependencyGraph graph;

    Suppression(DependencyGraph graph) {
        this.graph = graph;
    }

    void graph(DependencyGraph graph) {
        this.graph = graph;
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

    Verdict judge(TrackedAlert alert, Collection<TrackedAlert> all, Instant now) {
        if (!alert.firing) {
            return new Verdict(AlertState.RESOLVED, "");
        }
        for (Silence silence : silences.values()) {
            if (silence.mutes(alert.labels, now)) {
                return new Verdict(AlertState.SILENCED, silence.id());
            }
        }
        Optional<UpstreamCause> cause = upstreamCause(alert.labels.service(), all);
        if (cause.isPresent()) {
            return new Verdict(AlertState.INHIBITED, cause.get().upstream());
        }
        return new Verdict(AlertState.FIRING, "");
    }

    Optional<UpstreamCause> upstreamCause(String service, Collection<TrackedAlert> all) {
        for (TrackedAlert source : all) {
            if (source.firing && source.labels.severity() == Severity.CRITICAL
                    && graph.isUpstreamOf(source.labels.service(), service)) {
                return Optional.of(new UpstreamCause(service, source.labels.service(), source.fingerprint(),
                        source.summary));
            }
        }
        return Optional.empty();
    }
}
