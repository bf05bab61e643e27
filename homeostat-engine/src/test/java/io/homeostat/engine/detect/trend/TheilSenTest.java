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
}
