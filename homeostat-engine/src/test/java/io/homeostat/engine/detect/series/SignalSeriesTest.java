package io.homeostat.engine.detect.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalSeriesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private record Seen(String service, String metric, long time, double value) {}

    private final List<Seen> seen = new ArrayList<>();
    private final SampleSink sink = (service, metric, time, value) -> seen.add(new Seen(service, metric, time, value));

    @Test
    void aMetricSampleIsOneValueOfItsSeries() {
        int count = SignalSeries.forEach(new MetricSample("db", "latency.p95", 12.5, T, Map.of()), sink);

        assertThat(count).isEqualTo(1);
        assertThat(seen).containsExactly(new Seen("db", "latency.p95", T.toEpochMilli(), 12.5));
    }

    @Test
    void aHealthReportContributesItsNumericDetails() {
        HealthReport report = new HealthReport("orders", "heap", HealthStatus.DEGRADED, Duration.ofMillis(1),
                Map.of("heap.used.ratio", "0.8100", "process.cpu.load", "unavailable", "heap.max.bytes", "1e9",
                        "note", "NaN"),
                T, Map.of());

        int count = SignalSeries.forEach(report, sink);

        assertThat(count).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrder(new Seen("orders", "heap.used.ratio", T.toEpochMilli(), 0.81),
                new Seen("orders", "heap.max.bytes", T.toEpochMilli(), 1e9));
    }

    @Test
    void outcomesAreEventsNotSeries() {
        OperationOutcome outcome = new OperationOutcome("db", OperationOutcome.Status.FAILURE, ErrorCategory.UNKNOWN,
                5, null, T, Map.of());

        assertThat(SignalSeries.forEach(outcome, sink)).isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    void recognisesOnlyPlainNumbers() {
        assertThat(SignalSeries.looksNumeric("-.5")).isTrue();
        assertThat(SignalSeries.looksNumeric("+3E-2")).isTrue();
        assertThat(SignalSeries.looksNumeric("42")).isTrue();
        assertThat(SignalSeries.looksNumeric(".")).isFalse();
        assertThat(SignalSeries.looksNumeric("1e")).isFalse();
        assertThat(SignalSeries.looksNumeric("81.0%")).isFalse();
        assertThat(SignalSeries.looksNumeric("Infinity")).isFalse();
        assertThat(SignalSeries.looksNumeric("")).isFalse();
    }
}
