package io.homeostat.engine.learn.threshold;

/**
 * What a {@link ThresholdAdapter} aims for and how far it may go. Immutable and thread-safe;
 * validated on creation (bad values are rejected, never clamped).
 *
 * <p>When both targets cannot hold on the history, the false-negative target wins: a missed real
 * problem costs more than a false alarm, and the healer escalates rather than stays silent.
 *
 * <p>Knobs left out, and why: which target wins (fixed, see above), a rounding of new thresholds
 * (the evidence shows the exact value), weights per sample (recent history is chosen by the caller).
 *
 * @param falsePositiveTarget the highest share of normal samples that may breach (default 0.05)
 * @param falseNegativeTarget the highest share of problem samples that may not breach (default 0.01)
 * @param minRelativeChange a new threshold is adopted only when it differs from the current one by
 *     more than this share of it (default 0.20)
 * @param lowerBound the lowest threshold it may set (no default: every rule needs its own)
 * @param upperBound the highest threshold it may set (no default)
 * @param minNormalSamples normal samples needed to adapt at all (default 20)
 * @param minProblemSamples problem samples needed to adapt at all (default 5)
 */
public record ThresholdAdaptationConfig(
        double falsePositiveTarget,
        double falseNegativeTarget,
        double minRelativeChange,
        double lowerBound,
        double upperBound,
        int minNormalSamples,
        int minProblemSamples) {

    /**
     * @throws IllegalArgumentException if a target is not in [0, 0.5], the relative change is not
     *     in [0, 10], a bound is not finite or the lower exceeds the upper, or a sample minimum is
     *     below 1
     */
    public ThresholdAdaptationConfig {
        requireShare(falsePositiveTarget, "falsePositiveTarget");
        requireShare(falseNegativeTarget, "falseNegativeTarget");
        if (!(minRelativeChange >= 0 && minRelativeChange <= 10)) {
            throw new IllegalArgumentException("minRelativeChange must be in [0, 10], was " + minRelativeChange);
        }
        if (!Double.isFinite(lowerBound) || !Double.isFinite(upperBound) || lowerBound > upperBound) {
            throw new IllegalArgumentException(
                    "bounds must be finite with lower <= upper, were [" + lowerBound + ", " + upperBound + "]");
        }
        if (minNormalSamples < 1 || minProblemSamples < 1) {
            throw new IllegalArgumentException("sample minimums must be at least 1, were " + minNormalSamples
                    + " normal and " + minProblemSamples + " problem");
        }
    }

    /** The defaults, with thresholds kept within [{@code lowerBound}, {@code upperBound}]. */
    public static ThresholdAdaptationConfig within(double lowerBound, double upperBound) {
        return new ThresholdAdaptationConfig(0.05, 0.01, 0.20, lowerBound, upperBound, 20, 5);
    }

    private static void requireShare(double value, String field) {
        if (!(value >= 0 && value <= 0.5)) {
            throw new IllegalArgumentException(field + " must be in [0, 0.5], was " + value);
        }
    }
}
