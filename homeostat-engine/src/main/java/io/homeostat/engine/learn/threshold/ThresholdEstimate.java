package io.homeostat.engine.learn.threshold;

import io.homeostat.engine.detect.threshold.Operator;
import java.util.Arrays;

/**
 * The threshold a labelled history asks for, and the error rates it has on that history.
 * Immutable and thread-safe.
 *
 * <p>For an upward operator, with normal values sorted ascending and problem values likewise:
 * allowing {@code j = floor(fpTarget * normals)} false alarms puts the threshold at or above the
 * normal value with {@code j} above it, and allowing {@code k = floor(fnTarget * problems)} misses
 * puts it below the {@code (k+1)}-th smallest problem value. When that range is not empty the
 * threshold is its middle (margin on both sides); when it is, the false-negative target wins and
 * the threshold sits just below that problem value, midway to the next lower sample. Thresholds
 * fall between sample values, so {@code >} and {@code >=} behave alike on the history. A downward
 * operator is the same on negated values. The result is then kept within the bounds.
 *
 * @param threshold the threshold to use, within the bounds
 * @param unbounded the threshold before the bounds were applied
 * @param falsePositiveRate share of normal samples that breach {@code threshold}
 * @param falseNegativeRate share of problem samples that do not breach it
 * @param feasible true if some threshold met both targets on the history
 */
public record ThresholdEstimate(
        double threshold, double unbounded, double falsePositiveRate, double falseNegativeRate, boolean feasible) {

    /**
     * Estimates from non-empty {@code normals} and {@code problems}.
     *
     * @throws IllegalArgumentException if either array is empty
     */
    static ThresholdEstimate of(Operator operator, double[] normals, double[] problems,
            ThresholdAdaptationConfig config) {
        if (normals.length == 0 || problems.length == 0) {
            throw new IllegalArgumentException("need normal and problem samples");
        }
        double sign = operator.upward() ? 1 : -1;
        double[] n = scaled(normals, sign);
        double[] p = scaled(problems, sign);
        int allowedAlarms = (int) Math.floor(config.falsePositiveTarget() * n.length + 1e-9);
        int allowedMisses = (int) Math.floor(config.falseNegativeTarget() * p.length + 1e-9);
        double floor = n[n.length - 1 - Math.min(allowedAlarms, n.length - 1)];
        double ceiling = p[Math.min(allowedMisses, p.length - 1)];
        boolean feasible = floor < ceiling;
        double chosen = feasible ? (floor + ceiling) / 2 : justBelow(ceiling, n, p);
        double unbounded = sign * chosen;
        double threshold = Math.min(config.upperBound(), Math.max(config.lowerBound(), unbounded));
        return new ThresholdEstimate(threshold, unbounded, falsePositiveRate(operator, threshold, normals),
                falseNegativeRate(operator, threshold, problems), feasible);
    }

    /** True if the bounds moved the threshold. */
    public boolean bounded() {
        return threshold != unbounded;
    }

    /** Share of {@code normals} that breach {@code threshold}. */
    static double falsePositiveRate(Operator operator, double threshold, double[] normals) {
        long alarms = Arrays.stream(normals).filter(v -> operator.breaches(v, threshold)).count();
        return alarms / (double) normals.length;
    }

    /** Share of {@code problems} that do not breach {@code threshold}. */
    static double falseNegativeRate(Operator operator, double threshold, double[] problems) {
        long misses = Arrays.stream(problems).filter(v -> !operator.breaches(v, threshold)).count();
        return misses / (double) problems.length;
    }

    private static double justBelow(double ceiling, double[] n, double[] p) {
        double below = Math.max(largestBelow(n, ceiling), largestBelow(p, ceiling));
        return below == Double.NEGATIVE_INFINITY ? Math.nextDown(ceiling) : (below + ceiling) / 2;
    }

    private static double largestBelow(double[] sorted, double limit) {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : sorted) {
            if (v < limit) {
                best = v;
            } else {
                break;
            }
        }
        return best;
    }

    private static double[] scaled(double[] values, double sign) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = sign * values[i];
        }
        Arrays.sort(out);
        return out;
    }
}
