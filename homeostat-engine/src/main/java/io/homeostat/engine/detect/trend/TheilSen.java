package io.homeostat.engine.detect.trend;

/**
 * A Theil-Sen line through up to 64 points and Kendall's tau of them: the slope is the median of
 * the slopes between every pair of points, the intercept the median of {@code y - slope x}, so a
 * few wild points (a GC, a spike) do not tilt it. Medians by quickselect in preallocated scratch
 * arrays: a fit of n points costs O(n^2) and allocates nothing.
 *
 * <p>Not thread-safe: one instance per detector, reused for every fit.
 */
final class TheilSen {

    static final int MAX_POINTS = 64;

    private final double[] pairSlopes = new double[MAX_POINTS * (MAX_POINTS - 1) / 2];
    private final double[] residuals = new double[MAX_POINTS];
    double slope;
    double intercept;
    /** Kendall's tau-a: (concordant - discordant) pairs over all pairs, in [-1, 1]. */
    double tau;

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
