package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Student's t quantiles and the interval they give. */
class SpreadTest {

    @Test
    void tableHoldsTheKnownQuantilesForOneToThirtyDegreesOfFreedom() {
        assertThat(Spread.t975(1)).isEqualTo(12.706);
        assertThat(Spread.t975(2)).isEqualTo(4.303);
        assertThat(Spread.t975(4)).isEqualTo(2.776);
        assertThat(Spread.t975(9)).isEqualTo(2.262);
        assertThat(Spread.t975(10)).isEqualTo(2.228);
        assertThat(Spread.t975(11)).isEqualTo(2.201);
        assertThat(Spread.t975(14)).isEqualTo(2.145);
        assertThat(Spread.t975(19)).isEqualTo(2.093);
        assertThat(Spread.t975(29)).isEqualTo(2.045);
        assertThat(Spread.t975(30)).isEqualTo(2.042);
    }

    @Test
    void beyondTheTableTheQuantileFallsSmoothlyTowardsTheNormalOne() {
        assertThat(Spread.t975(31)).isCloseTo(2.040, within(0.001));
        assertThat(Spread.t975(40)).isCloseTo(2.021, within(0.001));
        assertThat(Spread.t975(60)).isCloseTo(2.000, within(0.001));
        assertThat(Spread.t975(120)).isCloseTo(1.980, within(0.001));
        assertThat(Spread.t975(100_000)).isCloseTo(1.960, within(0.001));
        for (int df = 2; df <= 200; df++) {
            assertThat(Spread.t975(df)).as("t at %d against %d", df, df - 1).isLessThan(Spread.t975(df - 1));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Spread.t975(0)).withMessageContaining("degrees of freedom");
    }

    @Test
    void intervalOfTwelveValuesUsesTElevenNotTheNormalQuantile() {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            values.add(i % 2 == 0 ? 1.0 : 3.0);
        }
        Spread spread = Spread.of(values);
        double sd = Math.sqrt(12.0 / 11);
        assertThat(spread.mean()).isEqualTo(2.0);
        assertThat(spread.sd()).isCloseTo(sd, within(1e-12));
        assertThat(spread.ciHigh()).isCloseTo(2.0 + 2.201 * sd / Math.sqrt(12), within(1e-12));
        assertThat(spread.ciLow()).isCloseTo(2.0 - 2.201 * sd / Math.sqrt(12), within(1e-12));
    }

    @Test
    void oneValueHasNoSpread() {
        Spread spread = Spread.of(List.of(4.5));
        assertThat(spread.sd()).isZero();
        assertThat(spread.ciLow()).isEqualTo(4.5);
        assertThat(spread.ciHigh()).isEqualTo(4.5);
        assertThatIllegalArgumentException().isThrownBy(() -> Spread.of(List.of()));
    }
}
