package io.homeostat.bench.nab;

import java.util.Objects;

/**
 * A detector's NAB score for one profile at one threshold. Immutable and thread-safe.
 *
 * @param profile the profile scored
 * @param threshold the anomaly-score threshold: a row with a score at least this is a detection
 * @param rawScore the sum of the weighted true positives, false positives and missed windows
 * @param normalisedScore {@code 100 (raw - null) / (perfect - null)}
 * @param windowsDetected windows with at least one detection
 * @param windows labelled windows in the scored files
 * @param falsePositives detections outside every window, after the probationary period
 */
public record NabScore(NabProfile profile, double threshold, double rawScore, double normalisedScore,
                       int windowsDetected, int windows, int falsePositives) {

    /**
     * Validates the score.
     *
     * @throws NullPointerException if {@code profile} is null
     * @throws IllegalArgumentException if a count is negative
     */
    public NabScore {
        Objects.requireNonNull(profile, "profile");
        if (windowsDetected < 0 || windows < windowsDetected || falsePositives < 0) {
            throw new IllegalArgumentException("bad counts " + windowsDetected + "/" + windows + ", " + falsePositives);
        }
    }
}
