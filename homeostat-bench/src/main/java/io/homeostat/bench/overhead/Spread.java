package io.homeostat.bench.overhead;

import java.util.List;

/**
 * Mean, sample standard deviation, range and the 95 % confidence interval of the mean (Student's
 * t) of a few values. Immutable.
 */
record Spread(int n, double mean, double sd, double min, double max, double ciLow, double ciHigh) {

    /** The 97.5 % quantiles of Student's t for 1 to 30 degrees of freedom (two-sided 95 %). */
    private static final double[] T975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    /** The normal distribution's 97.5 % quantile, which t approaches as the degrees of freedom grow. */
    private static final double Z975 = 1.959963985;

    /** The spread of {@code values}; with one value the deviation is 0 and the interval that value. */
    static Spread of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Spread(1, mean, 0, min, max, mean, mean);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double half = t975(n - 1) * sd / Math.sqrt(n);
        return new Spread(n, mean, sd, min, max, mean - half, mean + half);
    }

    /**
     * The 97.5 % quantile of Student's t with {@code df} degrees of freedom: from the table up to
     * 30, beyond it by the Cornish-Fisher expansion around the normal quantile (within 0.001 of the
     * exact value from 31 on, e.g. 2.021 at 40, 1.980 at 120).
     *
     * @throws IllegalArgumentException if {@code df} is below 1
     */
    static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, was " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        double v = df;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
    }
}
