package io.homeostat.bench.overhead;

import java.util.List;

/**
 * Mean, sample standard deviation, range and the 95 % confidence interval of the mean (Student's
 * t) of a few values. Immutable.
 */
record Spread(int n, double mean, double sd, double min, double max, double ciLow, double ciHigh) {

    /** Two-sided 97.5 % quantiles of Student's t for 1 to 10 degrees of freedom. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    /** The spread of {@code values}; with one value the deviation and interval are that value's. */
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
        double t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
        double half = t * sd / Math.sqrt(n);
        return new Spread(n, mean, sd, min, max, mean - half, mean + half);
    }
}
