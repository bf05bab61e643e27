package io.homeostat.core.safety;

/**
 * How many decisions one rule of a {@link SafetyPolicy} has taken, in a snapshot.
 *
 * @param allowed decisions that let a tier serve (for an integrity rule: the tier had a check)
 * @param denied decisions that kept a tier from serving
 */
public record DecisionCount(long allowed, long denied) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public DecisionCount {
        if (allowed < 0 || denied < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + allowed + "/" + denied);
        }
    }

    /** All decisions counted. */
    public long total() {
        return allowed + denied;
    }
}
