package io.homeostat.engine.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * One thing that may have caused an incident, with how likely the diagnoser thinks it is.
 * Immutable and thread-safe.
 *
 * @param cause what, for people, e.g. {@code connection pool exhaustion}
 * @param category the category of the rules that named it
 * @param confidence in [0, 1]: the rules' confidences for it, combined ({@link Confidence#combine})
 * @param rules the rules that named it, in rule-set order; never empty
 */
public record ProbableCause(String cause, DiagnosisCategory category, double confidence, List<String> rules) {

    /** @throws IllegalArgumentException if the cause is blank, the confidence is outside [0, 1] or no rule is named */
    public ProbableCause {
        Objects.requireNonNull(cause, "cause");
        if (cause.isBlank()) {
            throw new IllegalArgumentException("cause must not be blank");
        }
        Objects.requireNonNull(category, "category");
        Confidence.require(confidence, "confidence");
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a probable cause needs the rule that named it");
        }
    }
}
