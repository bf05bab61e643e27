package io.homeostat.engine.detect.trend;

import java.util.Arrays;

/**
 * A Theil-Sen line through up to 64 points and Kendall's tau of them: the slope is the median of
 * the slopes between every pair of points, the intercept the median of {@code y - slope x}, so a
 * few wild points (a GC, a spike) do not tilt it. Medians by quickselect in preallocated scratch
 * arrays: a fit of n points costs O(n^2) and allocates nothing.
 *
 * <p>The same pairs give the Mann-Kendall trend test: its statistic {@code S} (concordant minus
 * discordant pairs) is, under "no trend", about normal with mean 0 and variance
 * {@code (n(n-1)(2n+5) - sum over groups of tied values t(t-1)(2t+5)) / 18}; {@link #z()} is
 * {@code S} standardised with a continuity correction, so {@code P(Z > z)} is the one-sided
 * p-value of a rising trend (of a falling one for {@code -z}). Unlike a bound on tau, it asks the
 * same evidence of 10 points as of 20.
 *
 * <p>Not thread-safe: one instance per detector, reused for every fit.
 */
final class TheilSen {

    static final int MAX_POINTS = 64;

    private final double[] pairSlopes = new double[MAX_POINTS * (MAX_POINTS - 1) / 2];
    private final double[] residuals = new double[MAX_POINTS];
    private final double[] sorted = new double[MAX_POINTS];
    double slope;
    double intercept;
    /** Kendall's tau-a: (concordant - discordant) pairs over all pairs, in [-1, 1]. */
    double tau;
    /** Mann-Kendall's S: concordant minus discordant pairs. */
    int s;
    /** The variance of S under no trend, corrected for ties. */
    double variance;

    /** Fits {@code n >= 2} points whose {@code x} strictly increase. */
    void fit(double[] x, double[] y, int n) {
        int pairs = 0;
        int concordant = 0;
        int discordant = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dy = y[j] - y[i];
                pairSlopes[pairs++] = dy / (x[j] - x[i]);
                if (dy > 0) {
                    concordant++;
                } else if (dy < 0) {
                    discordant++;
                }
            }
        }
        slope = median(pairSlopes, pairs);
        for (int i = 0; i < n; i++) {
            residuals[i] = y[i] - slope * x[i];
        }
        intercept = median(residuals, n);
        tau = pairs == 0 ? 0 : (double) (concordant - discordant) / pairs;
        s = concordant - discordant;
        variance = (groupTerm(n) - tiedTerm(y, n)) / 18.0;
    }

    /**
     * Mann-Kendall's S standardised with a continuity correction: {@code (S - 1) / sd} for a
     * positive S, {@code (S + 1) / sd} for a negative one, 0 for S = 0 or all points tied.
     */
    double z() {
        if (s == 0 || variance <= 0) {
            return 0;
        }
        return (s > 0 ? s - 1 : s + 1) / Math.sqrt(variance);
    }

    private double tiedTerm(double[] y, int n) {
        System.arraycopy(y, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        double sum = 0;
        int run = 1;
        for (int i = 1; i <= n; i++) {
            if (i < n && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                if (run > 1) {
                    sum += groupTerm(run);
                }
                run = 1;
            }
        }
        return sum;
    }

    private static double groupTerm(int t) {
        return (double) t * (t - 1) * (2 * t + 5);
    }

    /** The median of the first {@code n} values; reorders them. */
    static double median(double[] values, int n) {
        int mid = n / 2;
        double upper = select(values, n, mid);
        if ((n & 1) == 1) {
            return upper;
        }
        double lower = values[0];
        for (int i = 1; i < mid; i++) {
            lower = Math.max(lower, values[i]);
        }
        return (lower + upper) / 2;
    }

    /** Hoare's quickselect: puts the k-th smallest at {@code k}, smaller ones before it. */
    private static double select(double[] a, int n, int k) {
        int left = 0;
        int right = n - 1;
        while (left < right) {
            double pivot = a[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                break;
            }
        }
        return a[k];
    }
}
