package io.homeostat.engine.detect.internal;

/**
 * The upper tail of the standard normal distribution, and its log-scaled form: the anomaly
 * detector scores surprise with it, the trend detector its Mann-Kendall test. Stateless and
 * thread-safe.
 */
public final class TailProbability {

    /** The smallest tail probability told apart, as in a log score of 1. */
    public static final double FLOOR = 1e-10;

    private static final double LOG_FLOOR = Math.log(FLOOR);

    private TailProbability() {}

    /** P(Z > z) for a standard normal Z, with a relative error below 1.2e-7. */
    public static double upper(double z) {
        return 0.5 * erfc(z / Math.sqrt(2.0));
    }

    /**
     * Maps a tail probability to [0, 1]: 0 for 0.5 and above (no surprise), 0.5 for 1e-5, 1 for
     * 1e-10 and below.
     */
    public static double logScore(double tail) {
        if (tail >= 0.5) {
            return 0.0;
        }
        double score = Math.log(tail + FLOOR) / LOG_FLOOR;
        return Math.max(0.0, Math.min(1.0, score));
    }

    /** Complementary error function (Chebyshev fit, fractional error below 1.2e-7). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double value = t * Math.exp(poly);
        return x >= 0 ? value : 2.0 - value;
    }
}
