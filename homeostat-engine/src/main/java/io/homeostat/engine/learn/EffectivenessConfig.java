package io.homeostat.engine.learn;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How an {@link EffectivenessLearner} ranks, explores and demotes. Immutable and thread-safe;
 * validated on creation (bad values are rejected, never clamped).
 *
 * <p>Knobs left out, and why: a decay of old outcomes (demotion and the fingerprint grain already
 * let recent evidence win; a store can {@link io.homeostat.engine.port.EffectivenessStore#forget
 * forget} a tally), and a separate exploration share per risk (only low risk is ever explored).
 *
 * @param z the confidence of the bound ranked on, as a normal quantile (default
 *     {@link Effectiveness#Z95}, 95 % two-sided)
 * @param minEvidence attempts on a fingerprint before its own tally is trusted over the failure
 *     type's (default 3)
 * @param explorationShare the share of rankings that put first a low-risk action whose success
 *     rate's upper bound is above the leader's score: one that might still prove better (default
 *     0.05); 0 turns exploration off
 * @param demoteAfterFailures consecutive failures that demote an action (default 3)
 * @param demotion how long such a streak demotes it, from its latest outcome (default 24 h); after
 *     that it is ranked by its bound again, and one more failure renews the demotion
 * @param demoteBelow an action whose success rate's upper bound falls below this is demoted: it is
 *     confidently poor (default 0.25)
 */
public record EffectivenessConfig(
        double z, int minEvidence, double explorationShare, int demoteAfterFailures, Duration demotion,
        double demoteBelow) {

    /**
     * @throws IllegalArgumentException if {@code z} is not positive and finite, {@code minEvidence}
     *     or {@code demoteAfterFailures} is below 1, {@code demotion} is not positive, {@code explorationShare} is not in [0, 0.5], or
     *     {@code demoteBelow} is not in [0, 1)
     * @throws NullPointerException if {@code demotion} is null
     */
    public EffectivenessConfig {
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be positive and finite, was " + z);
        }
        if (minEvidence < 1) {
            throw new IllegalArgumentException("minEvidence must be at least 1, was " + minEvidence);
        }
        if (!(explorationShare >= 0 && explorationShare <= 0.5)) {
            throw new IllegalArgumentException("explorationShare must be in [0, 0.5], was " + explorationShare);
        }
        if (demoteAfterFailures < 1) {
            throw new IllegalArgumentException("demoteAfterFailures must be at least 1, was " + demoteAfterFailures);
        }
        Durations.requireNonNegative(demotion, "demotion");
        if (demotion.isZero()) {
            throw new IllegalArgumentException("demotion must be positive");
        }
        if (!(demoteBelow >= 0 && demoteBelow < 1)) {
            throw new IllegalArgumentException("demoteBelow must be in [0, 1), was " + demoteBelow);
        }
    }

    /** Every default: see the record's parameters. */
    public static EffectivenessConfig ofDefaults() {
        return new EffectivenessConfig(Effectiveness.Z95, 3, 0.05, 3, Duration.ofHours(24), 0.25);
    }

    /** This configuration with another exploration share. */
    public EffectivenessConfig withExplorationShare(double share) {
        return new EffectivenessConfig(z, minEvidence, share, demoteAfterFailures, demotion, demoteBelow);
    }

    /** This configuration with another number of consecutive failures that demote. */
    public EffectivenessConfig withDemoteAfterFailures(int failures) {
        return new EffectivenessConfig(z, minEvidence, explorationShare, failures, demotion, demoteBelow);
    }
}
