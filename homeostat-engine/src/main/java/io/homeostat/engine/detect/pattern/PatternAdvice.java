package io.homeostat.engine.detect.pattern;

import java.util.Locale;
import java.util.Map;

/**
 * The typical cause and recommended action for a failure category (the error categories of the
 * classifier, and the detection categories {@code errors}, {@code latency}, {@code resource},
 * {@code availability}). Stateless.
 */
final class PatternAdvice {

    /** A cause and an action. */
    record Advice(String cause, String action) {}

    private static final Advice UNKNOWN = new Advice(
            "an unclassified failure of the service or one of its dependencies",
            "Read the logs around the failure signature and classify it, so the next occurrence is diagnosed.");

    private static final Map<String, Advice> BY_CATEGORY = Map.ofEntries(
            Map.entry("timeout", new Advice("the dependency is slow or overloaded and calls run past their deadline",
                    "Check the dependency's latency and saturation; bound concurrency with a bulkhead and fail fast"
                            + " with a breaker rather than raising timeouts.")),
            Map.entry("connection_refused", new Advice("the dependency is down, restarting or not listening",
                    "Check the dependency's health and recent deployments; keep the breaker open while it restarts.")),
            Map.entry("dns_error", new Advice("name resolution fails for the dependency's host",
                    "Check DNS records and resolver configuration; cache resolved addresses within their TTL.")),
            Map.entry("rate_limit", new Advice("requests exceed the provider's rate limit",
                    "Throttle on the client side, back off with jitter, and spread or batch requests.")),
            Map.entry("quota_exceeded", new Advice("a quota or budget is used up",
                    "Raise the quota or route to a fallback provider; retrying soon will not help.")),
            Map.entry("unavailable", new Advice("the dependency reports itself unavailable (502/503)",
                    "Serve a fallback while it recovers; check its capacity and whether it is shedding load.")),
            Map.entry("rejected", new Advice("local protection rejects calls: an open breaker or a full bulkhead",
                    "Look at the upstream failure that opened the breaker; size the bulkhead to real demand.")),
            Map.entry("errors", new Advice("the error rate rises above its threshold",
                    "Find the failing operation in the timeline; roll back a recent change if one coincides.")),
            Map.entry("latency", new Advice("responses slow down: saturation, contention or a slow dependency",
                    "Check saturation (pools, CPU, GC) and the slowest dependency; add capacity or shed load.")),
            Map.entry("resource", new Advice("a resource (memory, CPU, disk, pool) runs out",
                    "Look for a leak or a growing workload; raise the limit only once the growth is understood.")),
            Map.entry("availability", new Advice("health checks fail: the service or its dependency is down",
                    "Restart or fail over the instance, then find why it went down.")));

    private PatternAdvice() {}

    /** The advice for a category; a generic one for categories it does not know. */
    static Advice forCategory(String category) {
        return BY_CATEGORY.getOrDefault(category.toLowerCase(Locale.ROOT), UNKNOWN);
    }

    static Advice recurring(String category) {
        Advice base = forCategory(category);
        return new Advice(base.cause() + "; it keeps coming back, so what fixed it before did not last",
                base.action() + " Fix the cause rather than repeating the remedy.");
    }

    static Advice temporal(String category, String clock, String zone) {
        Advice base = forCategory(category);
        return new Advice("something scheduled or a daily load peak around " + clock + " " + zone + ": " + base.cause(),
                "Look for what runs or peaks around " + clock + " " + zone
                        + " (batch jobs, backups, traffic); pre-scale before it or move it. " + base.action());
    }

    static Advice coOccurrence(String a, String b, String relation) {
        if (relation.isEmpty()) {
            return new Advice(a + " and " + b + " fail together though neither calls the other:"
                    + " they likely share a dependency (database, network, host)",
                    "Find the resource " + a + " and " + b + " share and declare it in the dependency graph,"
                            + " so their failures are treated as one incident.");
        }
        return new Advice(relation + ", so failures propagate between them",
                "Treat them as one problem: fix the dependency first, and guard the caller with a breaker and"
                        + " a fallback.");
    }
}
