package io.homeostat.bench.nab;

import java.util.List;
import java.util.Objects;

/**
 * One NAB application profile: the weights of a true positive, a false positive and a false
 * negative. Immutable and thread-safe.
 *
 * @param name the profile's name as NAB spells it
 * @param tpWeight weight of the earliest detection in a window (A_TP), positive
 * @param fpWeight weight of a detection outside every window (A_FP), positive
 * @param fnWeight cost of a window without detection (A_FN), positive
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    /** NAB's standard profile: A_TP 1.0, A_FP 0.11, A_FN 1.0. */
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);

    /** NAB's reward_low_FP_rate profile: A_TP 1.0, A_FP 0.22, A_FN 1.0. */
    public static final NabProfile REWARD_LOW_FP = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /** NAB's reward_low_FN_rate profile: A_TP 1.0, A_FP 0.11, A_FN 2.0. */
    public static final NabProfile REWARD_LOW_FN = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /**
     * Validates the profile.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if a weight is not a positive finite number
     */
    public NabProfile {
        Objects.requireNonNull(name, "name");
        requirePositive(tpWeight, "tpWeight");
        requirePositive(fpWeight, "fpWeight");
        requirePositive(fnWeight, "fnWeight");
    }

    /** The three profiles NAB publishes, standard first. */
    public static List<NabProfile> all() {
        return List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);
    }

    private static void requirePositive(double weight, String label) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(label + " must be a positive finite number, was " + weight);
        }
    }
}
