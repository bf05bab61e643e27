package io.homeostat.engine.detect.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TheilSenTest {

    @Test
    void medianMatchesSorting() {
        Random random = new Random(9);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(40);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(5) == 0 ? 3 : random.nextGaussian();
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

            assertThat(TheilSen.median(values, n)).isEqualTo(expected);
        }
    }

    @Test
    void aFewWildPointsDoNotTiltTheLine() {
        TheilSen fit = new TheilSen();
        Random random = new Random(4);
        int n = 20;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 0.5;
            y[i] = 3 + 0.25 * x[i] + 0.01 * random.nextGaussian() + (i % 7 == 3 ? 50 : 0);
        }

        fit.fit(x, y, n);

        assertThat(fit.slope).isCloseTo(0.25, within(0.01));
        assertThat(fit.intercept).isCloseTo(3, within(0.1));
        assertThat(fit.tau).isGreaterThan(0.6);
    }

    @Test
    void tauIsOneForAClimbAndMinusOneForAFall() {
        TheilSen fit = new TheilSen();
        double[] x = {0, 1, 2, 3, 4};
        fit.fit(x, new double[] {1, 2, 3, 4, 5}, 5);
        assertThat(fit.tau).isEqualTo(1.0);
        fit.fit(x, new double[] {5, 4, 3, 2, 1}, 5);
        assertThat(fit.tau).isEqualTo(-1.0);
        assertThat(fit.slope).isEqualTo(-1.0);
    }

    @Test
    void mannKendallStatisticAndItsTieCorrectedVariance() {
        TheilSen fit = new TheilSen();
        double[] x = {0, 1, 2, 3, 4};
        fit.fit(x, new double[] {1, 2, 3, 4, 5}, 5);
        // S = 10, var = 5 * 4 * 15 / 18; z = (10 - 1) / sd.
        assertThat(fit.s).isEqualTo(10);
        assertThat(fit.variance).isCloseTo(50.0 / 3, within(1e-9));
        assertThat(fit.z()).isCloseTo(9 / Math.sqrt(50.0 / 3), within(1e-9));

        // One pair tied: S = 5, var = (4 * 3 * 13 - 2 * 1 * 9) / 18.
        fit.fit(x, new double[] {1, 1, 2, 3}, 4);
        assertThat(fit.s).isEqualTo(5);
        assertThat(fit.variance).isCloseTo(138.0 / 18, within(1e-9));
        assertThat(fit.z()).isCloseTo(4 / Math.sqrt(138.0 / 18), within(1e-9));

        fit.fit(x, new double[] {2, 2, 2, 2, 2}, 5);
        assertThat(fit.z()).isZero();
        fit.fit(x, new double[] {5, 4, 3, 2, 1}, 5);
        assertThat(fit.z()).isCloseTo(-9 / Math.sqrt(50.0 / 3), within(1e-9));
    }

    @Test
    void mannKendallPValuesAreCalibratedOnNoise() {
        TheilSen fit = new TheilSen();
        Random random = new Random(21);
        int n = 20;
        double[] x = new double[n];
        double[] y = new double[n];
        int trials = 4000;
        int below5 = 0;
        int below1 = 0;
        for (int trial = 0; trial < trials; trial++) {
            for (int i = 0; i < n; i++) {
                x[i] = i;
                y[i] = random.nextGaussian();
            }
            fit.fit(x, y, n);
            double p = io.homeostat.engine.detect.internal.TailProbability.upper(fit.z());
            below5 += p <= 0.05 ? 1 : 0;
            below1 += p <= 0.01 ? 1 : 0;
        }
        // A one-sided test at 5 % (1 %) rejects about 5 % (1 %) of series without a trend.
        assertThat(below5 / (double) trials).isBetween(0.035, 0.065);
        assertThat(below1 / (double) trials).isBetween(0.004, 0.018);
    }
}
