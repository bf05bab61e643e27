package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalRecorderTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final ManualClock clock = ManualClock.at(T0);
    private final List<MetricSample> samples = new ArrayList<>();
    private final List<FailureEvent> failures = new ArrayList<>();
    private final SignalRecorder recorder = new SignalRecorder(
            new RawSampleDownsampler(Duration.ofSeconds(1)), samples::add, failures::add);

    /** {@code n} samples, failures and outcomes, taken at the clock's now. */
    private List<Signal> burst(int n) {
        List<Signal> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new MetricSample("pay", "latency", i, clock.instant(), Map.of()));
            batch.add(new FailureEvent("pay", ErrorCategory.TIMEOUT, "java.net.SocketTimeoutException", "slow " + i, T0,
                    Map.of()));
            batch.add(new OperationOutcome("pay", OperationOutcome.Status.FAILURE, ErrorCategory.TIMEOUT, 1_000_000, null,
                    T0, Map.of()));
        }
        return batch;
    }

    @Test
    void storesOneRawSamplePerSeriesPerIntervalButEveryFailureEvent() {
        recorder.record(burst(100));
        recorder.record(burst(100));

        assertThat(samples).extracting(MetricSample::value).containsExactly(0.0);
        assertThat(failures).hasSize(200);
        assertThat(failures).extracting(FailureEvent::message).contains("slow 0", "slow 99");

        clock.advance(Duration.ofSeconds(1));
        recorder.record(burst(100));

        assertThat(samples).hasSize(2);
        assertThat(failures).hasSize(300);
    }

    @Test
    void outcomesAreNotStoredHere() {
        recorder.record(List.of(new OperationOutcome("pay", OperationOutcome.Status.SUCCESS, null, 1_000, null, T0,
                Map.of())));

        assertThat(samples).isEmpty();
        assertThat(failures).isEmpty();
    }
}
