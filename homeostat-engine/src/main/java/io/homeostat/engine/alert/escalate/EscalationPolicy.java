package io.homeostat.engine.alert.escalate;

import io.homeostat.engine.port.EscalationTrigger;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of escalation, one per trigger; a trigger without a rule is declined. Immutable and
 * thread-safe.
 *
 * @param rules at most one per trigger
 */
public record EscalationPolicy(List<EscalationRule> rules) {

    /** The level {@link #defaults()} sends high-impact problems to. */
    public static final String INCIDENT_RESPONSE = "incident-response";

    /** @throws IllegalArgumentException if two rules answer the same trigger */
    public EscalationPolicy {
        rules = List.copyOf(rules);
        Map<EscalationTrigger, Long> counts = rules.stream()
                .collect(Collectors.groupingBy(EscalationRule::trigger, () -> new EnumMap<>(EscalationTrigger.class),
                        Collectors.counting()));
        counts.forEach((trigger, count) -> {
            if (count > 1) {
                throw new IllegalArgumentException("more than one rule for " + trigger);
            }
        });
    }

    /**
     * The defaults from our specs: critical notifies the first level at once with a 5 min
     * acknowledgement timeout; 3 failed recovery attempts go to the next level (15 min); more
     * than 50 % of the services affected goes to {@value #INCIDENT_RESPONSE} (10 min);
     * unacknowledged within the timeout goes to the next level (5 min); unresolved goes to the
     * next level (15 min); a request for a person, a flapping incident and a rejected approval
     * notify the current level (5 min).
     */
    public static EscalationPolicy defaults() {
        return new EscalationPolicy(List.of(
                EscalationRule.of(EscalationTrigger.CRITICAL, EscalationRule.Target.FIRST, Duration.ofMinutes(5)),
                new EscalationRule(EscalationTrigger.RECOVERY_FAILED, EscalationRule.Target.NEXT, "", 3,
                        Duration.ofMinutes(15)),
                new EscalationRule(EscalationTrigger.HIGH_IMPACT, EscalationRule.Target.NAMED, INCIDENT_RESPONSE, 0.5,
                        Duration.ofMinutes(10)),
                EscalationRule.of(EscalationTrigger.UNACKNOWLEDGED, EscalationRule.Target.NEXT, Duration.ofMinutes(5)),
                EscalationRule.of(EscalationTrigger.UNRESOLVED, EscalationRule.Target.NEXT, Duration.ofMinutes(15)),
                EscalationRule.of(EscalationTrigger.NEEDS_PERSON, EscalationRule.Target.CURRENT, Duration.ofMinutes(5)),
                EscalationRule.of(EscalationTrigger.FLAPPING, EscalationRule.Target.CURRENT, Duration.ofMinutes(5)),
                EscalationRule.of(EscalationTrigger.APPROVAL_REJECTED, EscalationRule.Target.CURRENT,
                        Duration.ofMinutes(5))));
    }

    /** The rule for {@code trigger}, if any. */
    public Optional<EscalationRule> rule(EscalationTrigger trigger) {
        return rules.stream().filter(r -> r.trigger() == trigger).findFirst();
    }

    /** The level names the rules refer to by name. */
    public Set<String> namedLevels() {
        return rules.stream().filter(r -> r.target() == EscalationRule.Target.NAMED)
                .map(EscalationRule::levelName).collect(Collectors.toUnmodifiableSet());
    }
}
