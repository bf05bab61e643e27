package io.homeostat.engine.diagnose;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Why a diagnosis says what it says: one rule that fired, on which facts, and how much it counted.
 * Immutable and thread-safe.
 *
 * @param rule the rule's name
 * @param category the category it points to
 * @param weight what it contributed, in [0, 1]: its confidence, times the symptom weight unless it
 *     fired on the suspected root service
 * @param onRoot true if it fired on a fact of the suspected root service
 * @param matches on how many facts it fired
 * @param services the services of those facts, first seen first
 * @param evidence up to a few of those facts, each with what its conditions matched, e.g.
 *     {@code failure db:primary org.postgresql.util.PSQLException "Connection refused" at ...: message contains "connection"}
 */
public record Explanation(String rule, DiagnosisCategory category, double weight, boolean onRoot, int matches,
        Set<String> services, List<String> evidence) {

    /** @throws IllegalArgumentException if the weight is outside [0, 1], matches is below 1 or evidence is empty */
    public Explanation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(category, "category");
        Confidence.require(weight, "weight");
        if (matches < 1) {
            throw new IllegalArgumentException("an explanation needs a fact the rule fired on");
        }
        services = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(services));
        evidence = List.copyOf(evidence);
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("evidence must not be empty");
        }
    }

    /** One sentence, e.g. {@code rule database-connection (database, 0.85) fired on 12 facts of [db:primary]: ...}. */
    public String summary() {
        return "rule " + rule + " (" + category.label() + ", " + Math.round(weight * 100) / 100.0 + ") fired on "
                + matches + (matches == 1 ? " fact" : " facts") + " of " + services + (onRoot ? " (root)" : "")
                + ": " + evidence.getFirst();
    }
}
