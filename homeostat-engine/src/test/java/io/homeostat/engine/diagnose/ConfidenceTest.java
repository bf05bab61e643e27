package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceTest {

    @Test
    void combiningStaysWithinZeroAndOneWhateverTheInputs() {
        Random random = new Random(42);
        for (int round = 0; round < 10_000; round++) {
            double[] pieces = new double[1 + random.nextInt(40)];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 1;
                    case 2 -> 1 - 1e-12 * random.nextDouble();
                    default -> random.nextDouble();
                };
            }
            double combined = Confidence.combine(pieces);
            double strongest = java.util.Arrays.stream(pieces).max().orElseThrow();
            assertThat(combined).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(strongest - 1e-12);
        }
    }

    @Test
    void agreeingEvidenceRaisesConfidenceByLessThanItsOwnWeight() {
        assertThat(Confidence.combine(0.85, 0.6)).isEqualTo(1 - 0.15 * 0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Confidence.and(0.85, 0.6)).isEqualTo(Confidence.combine(0.6, 0.85));
        assertThat(Confidence.combine(0.5, 0.5, 0.5)).isLessThan(1).isGreaterThan(0.5);
        assertThat(Confidence.combine()).isZero();
        assertThat(Confidence.combine(0.3, 0)).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Confidence.combine(1, 0.2)).isEqualTo(1);
    }

    @Test
    void aConfidenceOutsideZeroAndOneIsRejected() {
        assertThatThrownBy(() -> Confidence.combine(0.5, 1.01)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.01");
        assertThatThrownBy(() -> Confidence.combine(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Confidence.and(Double.NaN, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
