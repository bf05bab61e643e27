package io.homeostat.core.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the signal records refuse when they are made, before a server would. */
class SignalRecordsTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void aHealthReportTakesNoNegativeLatency() {
        assertThatThrownBy(() -> new HealthReport("db", "ping", HealthStatus.HEALTHY, Duration.ofMillis(-3), Map.of(), T,
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency must not be negative");
        assertThat(new HealthReport("db", "ping", HealthStatus.HEALTHY, Duration.ZERO, Map.of(), T, Map.of()).latency())
                .isZero();
    }

    @Test
    void namesAreNotBlank() {
        assertThatThrownBy(() -> new MetricSample(" ", "m", 1, T, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service must not be blank");
    }
}
