package io.homeostat.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void textWritesADurationAsConfigurationFilesDo() {
        assertThat(Durations.text(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.text(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Durations.text(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.text(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.text(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.text(Duration.ofMillis(1_500))).isEqualTo("1500ms");
        assertThat(Durations.text(Duration.ofNanos(500))).as("finer than a millisecond").isEqualTo("PT0.0000005S");
        assertThat(Durations.text(Duration.ofSeconds(-3))).isEqualTo("PT-3S");
    }
}
