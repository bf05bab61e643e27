package io.homeostat.engine.diagnose.rule;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The diagnosis rules in force and the version that names them; a diagnosis records the version
 * it was made with, so a changed rule file shows in what it produced. Immutable and thread-safe.
 *
 * @param version names this set of rules, e.g. {@code default-1}
 * @param rules in file order; names are unique
 */
public record RuleSet(String version, List<DiagnosisRule> rules) {

    /** @throws IllegalArgumentException if the version is blank or two rules share a name */
    public RuleSet {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        rules = List.copyOf(rules);
        Set<String> names = new HashSet<>();
        for (DiagnosisRule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("duplicate rule name " + rule.name());
            }
        }
    }

    /** This set with {@code more} rules after its own, under {@code version}. */
    public RuleSet plus(String version, List<DiagnosisRule> more) {
        List<DiagnosisRule> all = new java.util.ArrayList<>(rules);
        all.addAll(more);
        return new RuleSet(version, all);
    }
}
