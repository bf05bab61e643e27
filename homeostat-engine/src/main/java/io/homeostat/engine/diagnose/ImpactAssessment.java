package io.homeostat.engine.diagnose;

import io.homeostat.engine.graph.DependencyGraph;
import java.util.LinkedHashSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Works out what an incident touches: the failing services plus everything that depends on the
 * root, and their share of the traffic seen in the window, from {@code calls.rate} if any service
 * reported one, else from outcome counts. Stateless.
 */
final class ImpactAssessment {

    private ImpactAssessment() {}

    static Impact assess(String root, Set<String> failing, DependencyGraph graph, RecentSignals signals) {
        Set<String> affected = new LinkedHashSet<>();
        affected.add(root);
        affected.addAll(failing);
        affected.addAll(graph.impactOf(root));
        if (signals == null) {
            return new Impact(affected, 0, Impact.Basis.NONE);
        }
        Set<String> all = new LinkedHashSet<>(signals.services());
        double totalRate = 0;
        double affectedRate = 0;
        long totalCount = 0;
        long affectedCount = 0;
        for (String service : all) {
            OptionalDouble rate = signals.callsRate(service);
            long count = signals.outcomes(service);
            double r = rate.isPresent() ? Math.max(0, rate.getAsDouble()) : 0;
            totalRate += r;
            totalCount += count;
            if (affected.contains(service)) {
                affectedRate += r;
                affectedCount += count;
            }
        }
        if (totalRate > 0) {
            return new Impact(affected, Math.min(1, affectedRate / totalRate), Impact.Basis.CALLS_RATE);
        }
        if (totalCount > 0) {
            return new Impact(affected, Math.min(1, affectedCount / (double) totalCount), Impact.Basis.OUTCOME_COUNTS);
        }
        return new Impact(affected, 0, Impact.Basis.NONE);
    }
}
