package io.homeostat.engine.diagnose.rule;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Confidence;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A piece of diagnostic knowledge as data: when a fact meets every condition of one of the
 * {@code when} groups, the rule <em>fires</em> on it and says the problem is of its category, with
 * its confidence, and names its causes. Immutable and thread-safe.
 *
 * @param name unique in its rule set, named in explanations
 * @param category the category the rule points to
 * @param confidence how sure the rule is of its category when it fires, in [0, 1]
 * @param severity the least severity a problem it explains has ({@link Severity#INFO} raises nothing)
 * @param when alternatives, each a group of conditions that must all match one fact; never empty
 * @param causes the causes it suggests, most likely first; never empty
 */
public record DiagnosisRule(String name, DiagnosisCategory category, double confidence, Severity severity,
        List<List<Condition>> when, List<Cause> causes) {

    /** @throws IllegalArgumentException if the name is blank, a list or group is empty, or the confidence is outside [0, 1] */
    public DiagnosisRule {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(category, "category");
        Confidence.require(confidence, "confidence");
        Objects.requireNonNull(severity, "severity");
        when = when.stream().map(List::copyOf).toList();
        if (when.isEmpty() || when.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a rule needs at least one group of at least one condition");
        }
        causes = List.copyOf(causes);
        if (causes.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one cause");
        }
    }

    /**
     * Whether the rule fires on {@code fact}: the first group whose conditions all match.
     *
     * @return what each condition of that group matched, in order; empty if no group matches
     */
    public Optional<List<String>> match(Fact fact) {
        Objects.requireNonNull(fact, "fact");
        for (List<Condition> group : when) {
            List<String> reasons = new ArrayList<>(group.size());
            for (Condition condition : group) {
                Optional<String> reason = condition.match(fact);
                if (reason.isEmpty()) {
                    break;
                }
                reasons.add(reason.get());
            }
            if (reasons.size() == group.size()) {
                return Optional.of(List.copyOf(reasons));
            }
        }
        return Optional.empty();
    }
}
