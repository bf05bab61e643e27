package io.homeostat.engine.diagnose;

/**
 * How the diagnoser combines confidences: as independent pieces of evidence for one claim
 * (noisy-or), {@code 1 - (1 - a)(1 - b)...}. The result is never below the strongest piece, never
 * above 1, grows with each agreeing piece by less than the piece itself, and does not depend on
 * the order. Thread-safe and stateless.
 */
public final class Confidence {

    private Confidence() {}

    /**
     * The combined confidence of independent pieces of evidence; 0 for none.
     *
     * @throws IllegalArgumentException if a value is outside [0, 1] or not a number
     */
    public static double combine(double... confidences) {
        double doubt = 1;
        for (double confidence : confidences) {
            require(confidence, "confidence");
            doubt *= 1 - confidence;
        }
        return clamp(1 - doubt);
    }

    /**
     * {@code current} combined with one more piece, {@code next}.
     *
     * @throws IllegalArgumentException if a value is outside [0, 1] or not a number
     */
    public static double and(double current, double next) {
        require(current, "current");
        require(next, "next");
        return clamp(1 - (1 - current) * (1 - next));
    }

    /**
     * Checks that {@code value} is a confidence.
     *
     * @throws IllegalArgumentException if it is outside [0, 1] or not a number
     */
    public static double require(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
        return value;
    }

    /** Rounding may leave a hair outside [0, 1]; keep results inside (inputs are checked, not clamped). */
    private static double clamp(double value) {
        return Math.min(1, Math.max(0, value));
    }
}
