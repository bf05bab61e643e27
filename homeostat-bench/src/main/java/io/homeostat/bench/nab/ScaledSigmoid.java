package io.homeostat.bench.nab;

/** NAB's scaled sigmoid of a relative position; stateless. */
final class ScaledSigmoid {

    private ScaledSigmoid() {}

    /** {@code 2/(1+exp(5y)) - 1} for {@code y < 3}, {@code -1} from 3 on (NaN counts as far away). */
    static double of(double y) {
        if (!(y < 3.0)) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
    }
}
