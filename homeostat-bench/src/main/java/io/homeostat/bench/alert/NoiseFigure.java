package io.homeostat.bench.alert;

import io.homeostat.engine.alert.functional.NoiseStorm;
import java.util.Locale;

/**
 * Prints the alert noise figure of issue 6: the storm of 10,000 raw detections across 50
 * services from 3 root causes ({@link NoiseStorm}), on simulated time, with inhibition over the
 * dependency graph and, for comparison, without a graph. Usage: {@code NoiseFigure [seed]}
 * (default 42).
 */
public final class NoiseFigure {

    private NoiseFigure() {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        NoiseStorm.Result graph = NoiseStorm.run(seed, true);
        NoiseStorm.Result flat = NoiseStorm.run(seed, false);
        System.out.printf(Locale.ROOT, "Alert noise storm, seed %d (simulated time, 10 min storm)%n%n", seed);
        System.out.printf(Locale.ROOT, "| %-34s | %14s | %14s |%n", "", "with graph", "without graph");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%n", "-".repeat(36), "-".repeat(16), "-".repeat(16));
        row("raw detections", graph.detections(), flat.detections());
        row("distinct alerts (label sets)", graph.distinctAlerts(), flat.distinctAlerts());
        row("reports deduplicated", graph.stats().deduplicated(), flat.stats().deduplicated());
        row("inhibitions (upstream critical)", graph.stats().inhibitedSuppressed(), flat.stats().inhibitedSuppressed());
        row("flapping changes held", graph.stats().flappingHeld(), flat.stats().flappingHeld());
        row("group notifications", graph.groupNotifications(), flat.groupNotifications());
        row("escalation pages", graph.escalations(), flat.escalations());
        row("pages closed (incident resolved)", graph.pagesClosed(), flat.pagesClosed());
        row("NOTIFICATIONS SENT", graph.notifications(), flat.notifications());
        row("root causes notified (of 3)", graph.rootsNotified().size(), flat.rootsNotified().size());
        row("dependent services shown", graph.downstreamNotified().size(), flat.downstreamNotified().size());
        System.out.printf(Locale.ROOT, "%nnotifications with the graph (mm:ss into the storm):%n");
        graph.timeline().forEach(line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "%nnoise figure: %d notifications for %d detections (target < 20, every root cause notified: %s)%n",
                graph.notifications(), graph.detections(), graph.rootsNotified().size() == NoiseStorm.ROOTS.size());
    }

    private static void row(String name, long withGraph, long withoutGraph) {
        System.out.printf(Locale.ROOT, "| %-34s | %14d | %14d |%n", name, withGraph, withoutGraph);
    }
}
