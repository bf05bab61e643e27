package io.homeostat.engine.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EffectivenessTest {

    private static Effectiveness tally(long successes, long attempts) {
        return new Effectiveness("fp", "a", attempts, successes, 0, 0, Instant.EPOCH);
    }

    @Test
    void wilsonBoundsMatchHandComputedValues() {
        // 95/100 at z = 1.96: centre 0.95 + 0.0192 = 0.9692, margin 0.0449, / 1.0384
        assertThat(tally(95, 100).lowerBound(Effectiveness.Z95)).isCloseTo(0.8883, within(5e-4));
        assertThat(tally(95, 100).upperBound(Effectiveness.Z95)).isCloseTo(0.9785, within(5e-4));
        // 1/1: 1 / (1 + 3.8415)
        assertThat(tally(1, 1).lowerBound(Effectiveness.Z95)).isCloseTo(0.2065, within(5e-4));
        assertThat(tally(0, 10).upperBound(Effectiveness.Z95)).isCloseTo(0.2775, within(5e-4));
    }

    @Test
    void boundsOfAnUntriedActionSpanEverything() {
        assertThat(Effectiveness.none("fp", "a").lowerBound(1)).isZero();
        assertThat(Effectiveness.none("fp", "a").upperBound(1)).isEqualTo(1);
        assertThat(Effectiveness.none("fp", "a").meanTimeToRecover()).isEmpty();
    }

    @Test
    void boundTightensWithEvidenceAtTheSameRate() {
        assertThat(tally(8, 10).lowerBound(2)).isLessThan(tally(80, 100).lowerBound(2));
        assertThat(tally(8, 10).upperBound(2)).isGreaterThan(tally(80, 100).upperBound(2));
    }

    @Test
    void plusCountsAndKeepsTheLatestTime() {
        Problem p = new Problem("fp", "t");
        Effectiveness e = Effectiveness.none("fp", "a")
                .plus(RecoveryOutcome.success("1", p, "a", Duration.ofMillis(1_000), Instant.ofEpochSecond(100)))
                .plus(RecoveryOutcome.failure("2", p, "a", Instant.ofEpochSecond(50)))
                .plus(RecoveryOutcome.success("3", p, "a", Duration.ofMillis(3_000), Instant.ofEpochSecond(70)));

        assertThat(e).isEqualTo(new Effectiveness("fp", "a", 3, 2, 4_000, 0, Instant.ofEpochSecond(100)));
        assertThat(e.meanTimeToRecover()).contains(Duration.ofSeconds(2));
    }

    @Test
    void rejectsInconsistentTalliesAndBadValues() {
        assertThatThrownBy(() -> tally(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Effectiveness("fp", "a", 2, 1, 0, 2, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tally(1, 1).lowerBound(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Problem("type:x", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryOutcome("1", new Problem("f", "t"), "a", true, Duration.ofMillis(-1),
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EffectivenessConfig(1.96, 3, 0.6, 3, Duration.ofHours(1), 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EffectivenessConfig(1.96, 0, 0.1, 3, Duration.ofHours(1), 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EffectivenessConfig(Double.NaN, 3, 0.1, 3, Duration.ofHours(1), 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EffectivenessConfig(1.96, 3, 0.1, 3, Duration.ofHours(1), 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EffectivenessConfig(1.96, 3, 0.1, 3, Duration.ZERO, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
