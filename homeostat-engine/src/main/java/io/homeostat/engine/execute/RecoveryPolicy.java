package io.homeostat.engine.execute;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The limits recovery keeps. Immutable; rejects out-of-range values.
 *
 * @param maxConcurrent how many runs may be active at once (default 3); another incident escalates
 * @param mediumDailyCap how many times a medium-risk action may run per UTC day (default 20)
 * @param actionDailyCaps per action name, a daily cap that replaces the default (e.g. {@code failover: 5})
 * @param cooldown how long after an action ran on a service it may not run there again (default 5 min)
 * @param blastRadius the most services with active incidents at which recovery still acts (default
 *     5); above it, mass failure suggests the detector or the network is wrong, so it escalates
 * @param approvalTimeout how long a high-risk step waits for a person before it escalates (default 15 min)
 */
public record RecoveryPolicy(int maxConcurrent, int mediumDailyCap, Map<String, Integer> actionDailyCaps,
        Duration cooldown, int blastRadius, Duration approvalTimeout) {

    public RecoveryPolicy {
        if (maxConcurrent < 1 || maxConcurrent > 100) {
            throw new IllegalArgumentException("maxConcurrent must be in [1, 100], was " + maxConcurrent);
        }
        if (mediumDailyCap < 0) {
            throw new IllegalArgumentException("mediumDailyCap must not be negative, was " + mediumDailyCap);
        }
        actionDailyCaps = Map.copyOf(actionDailyCaps);
        actionDailyCaps.forEach((action, cap) -> {
            if (cap < 0) {
                throw new IllegalArgumentException("daily cap of " + action + " must not be negative, was " + cap);
            }
        });
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
        }
        if (blastRadius < 1) {
            throw new IllegalArgumentException("blastRadius must be at least 1, was " + blastRadius);
        }
        Objects.requireNonNull(approvalTimeout, "approvalTimeout");
        if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
            throw new IllegalArgumentException("approvalTimeout must be positive, was " + approvalTimeout);
        }
    }

    /** 3 concurrent, 20 medium-risk runs a day, no per-action caps, 5 min cooldown, blast radius 5, 15 min approvals. */
    public static RecoveryPolicy ofDefaults() {
        return new RecoveryPolicy(3, 20, Map.of(), Duration.ofMinutes(5), 5, Duration.ofMinutes(15));
    }
}
