package io.homeostat.engine.diagnose;

import io.homeostat.engine.graph.DependencyGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks the failing services of one incident as the place the trouble started: the one that
 * others depend on, and that started failing first. Score {@code 0.6 x dependents + 0.4 x
 * earliness} (see {@link RootCandidate#score()}); ties go to the earlier start, then to the
 * order given. Dependence counts more than time because detectors see a busy caller's errors
 * before a quiet dependency's; with no dependence among them, the earliest wins. Stateless.
 */
final class RootRanking {

    static final double DEPENDENTS_WEIGHT = 0.6;
    static final double EARLINESS_WEIGHT = 0.4;

    private RootRanking() {}

    /** @param starts each failing service and when it started failing, in the incident's order */
    static List<RootCandidate> rank(Map<String, Instant> starts, DependencyGraph graph) {
        Instant first = starts.values().stream().min(Comparator.naturalOrder()).orElseThrow();
        Instant last = starts.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        double span = Duration.between(first, last).toMillis();
        int others = starts.size() - 1;
        List<RootCandidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : starts.entrySet()) {
            String service = entry.getKey();
            int dependents = (int) starts.keySet().stream().filter(t -> graph.isUpstreamOf(service, t)).count();
            double dependentShare = others == 0 ? 1 : dependents / (double) others;
            double earliness = span == 0 ? 1 : Duration.between(entry.getValue(), last).toMillis() / span;
            double score = Math.min(1, DEPENDENTS_WEIGHT * dependentShare + EARLINESS_WEIGHT * earliness);
            String reason = "failing since " + entry.getValue()
                    + (entry.getValue().equals(first) ? " (first)" : " (" + Duration.between(first, entry.getValue())
                            + " after the first)")
                    + "; " + dependents + " of " + others + " other failing services depend on it";
            candidates.add(new RootCandidate(service, entry.getValue(), dependents, score, reason));
        }
        candidates.sort(Comparator.comparingDouble(RootCandidate::score).reversed()
                .thenComparing(RootCandidate::failingSince));
        return candidates;
    }
}
