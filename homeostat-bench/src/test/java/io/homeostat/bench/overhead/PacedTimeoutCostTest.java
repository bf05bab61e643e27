package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacedTimeoutCostTest {

    @Test
    void eachKindIsMeasuredInEveryRoundAndThePairedCostIsPrinted() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Map<PacedTimeoutCost.Kind, List<Double>> perCall = new PacedTimeoutCost()
                .run(new PacedTimeoutCost.Settings(2, Duration.ofMillis(200), 500),
                        new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(perCall).containsOnlyKeys(PacedTimeoutCost.Kind.values());
        assertThat(perCall.values()).allSatisfy(rounds -> assertThat(rounds).hasSize(2)
                .allSatisfy(nanos -> assertThat(nanos).isNotNegative()));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("round 2  guard, 2 s timeout", "the timeout, paired by round:");
    }

    @Test
    void settingsDefaultAndRejectWhatIsNotAPositiveWholeNumber() {
        assertThat(PacedTimeoutCost.Settings.parse())
                .isEqualTo(new PacedTimeoutCost.Settings(6, Duration.ofSeconds(10), 1000));
        assertThat(PacedTimeoutCost.Settings.parse("--rate", "50", "--seconds", "3").rate()).isEqualTo(50);
        assertThatThrownBy(() -> PacedTimeoutCost.Settings.parse("--rounds", "0"))
                .hasMessage("--rounds must be positive, was 0");
        assertThatThrownBy(() -> PacedTimeoutCost.Settings.parse("--rate", "fast"))
                .hasMessageContaining("--rate must be a whole number");
        assertThatThrownBy(() -> PacedTimeoutCost.Settings.parse("--threads", "2"))
                .hasMessageContaining("unknown argument '--threads'");
    }
}
