package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentTrackerConfigTest {

    private final IncidentTrackerConfig defaults = IncidentTrackerConfig.ofDefaults();

    @Test
    void defaultsAreTheDocumentedValues() {
        assertThat(defaults.correlationWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.holdPeriod()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.flapThreshold()).isEqualTo(3);
        assertThat(defaults.flapWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.tickInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.transitionInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsValuesInsteadOfClamping() {
        assertThatThrownBy(() -> defaults.withCorrelationWindow(Duration.ZERO)).hasMessageContaining("correlationWindow");
        assertThatThrownBy(() -> defaults.withHoldPeriod(Duration.ofSeconds(-1))).hasMessageContaining("holdPeriod");
        assertThatThrownBy(() -> defaults.withFlapping(0, Duration.ofHours(1))).hasMessageContaining("flapThreshold");
        assertThatThrownBy(() -> defaults.withFlapping(3, Duration.ofMinutes(5))).hasMessageContaining("flapWindow");
        assertThatThrownBy(() -> defaults.withTickInterval(Duration.ofMinutes(6))).hasMessageContaining("tickInterval");
        assertThatThrownBy(() -> defaults.withTransitionInterval(Duration.ofMillis(-1)))
                .hasMessageContaining("transitionInterval");
        assertThatThrownBy(() -> defaults.withHoldPeriod(null)).isInstanceOf(NullPointerException.class);
        assertThat(defaults.withTransitionInterval(Duration.ZERO).transitionInterval()).isZero();
    }

    @Test
    void withersChangeOnlyTheirValue() {
        IncidentTrackerConfig changed = defaults.withCorrelationWindow(Duration.ofMinutes(1));
        assertThat(changed.correlationWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(changed.withCorrelationWindow(Duration.ofMinutes(5))).isEqualTo(defaults);
    }

    @Test
    void detectorsMustRepeatWithinHalfTheHoldPeriodAndAtMostEveryMinute() {
        assertThat(defaults.firingRepeat()).as("5 min hold").isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.withTickInterval(Duration.ofSeconds(1)).withHoldPeriod(Duration.ofSeconds(8)).firingRepeat())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(defaults.withHoldPeriod(Duration.ofSeconds(90)).firingRepeat()).isEqualTo(Duration.ofSeconds(45));
    }
}
