package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawSampleDownsamplerTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final ManualClock clock = ManualClock.at(T0);

    private static MetricSample sample(String service, String metric, double value) {
        return new MetricSample(service, metric, value, T0, Map.of());
    }

    @Test
    void keepsTheFirstSampleOfEachSeriesInEachInterval() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(clock, Duration.ofSeconds(1));

        assertThat(downsampler.keep(sample("pay", "latency", 1))).isTrue();
        assertThat(downsampler.keep(sample("pay", "latency", 2))).isFalse();
        clock.advanceMillis(999);
        assertThat(downsampler.keep(sample("pay", "latency", 3))).isFalse();
        clock.advanceMillis(1);
        assertThat(downsampler.keep(sample("pay", "latency", 4))).isTrue();
        assertThat(downsampler.keep(sample("pay", "latency", 5))).isFalse();

        assertThat(downsampler.kept()).isEqualTo(2);
        assertThat(downsampler.skipped()).isEqualTo(3);
    }

    @Test
    void eachServiceAndMetricIsItsOwnSeries() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(clock, Duration.ofSeconds(1));

        assertThat(downsampler.keep(sample("pay", "latency", 1))).isTrue();
        assertThat(downsampler.keep(sample("pay", "errors", 1))).isTrue();
        assertThat(downsampler.keep(sample("ship", "latency", 1))).isTrue();
        assertThat(downsampler.keep(sample("ship", "latency", 2))).isFalse();
    }

    @Test
    void intervalsAreAlignedToTheEpochAndConfigurable() {
        clock.advanceMillis(4_500);
        RawSampleDownsampler downsampler = new RawSampleDownsampler(clock, Duration.ofSeconds(5));

        assertThat(downsampler.keep(sample("pay", "latency", 1))).isTrue();
        clock.advanceMillis(499);
        assertThat(downsampler.keep(sample("pay", "latency", 2))).isFalse();
        clock.advanceMillis(1); // 12:00:05, a new 5 s window
        assertThat(downsampler.keep(sample("pay", "latency", 3))).isTrue();
        clock.advanceMillis(4_999);
        assertThat(downsampler.keep(sample("pay", "latency", 4))).isFalse();
    }

    @Test
    void zeroKeepsEverySample() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(clock, Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(downsampler.keep(sample("pay", "latency", i))).isTrue();
        }
        assertThat(downsampler.kept()).isEqualTo(5);
        assertThat(downsampler.skipped()).isZero();
    }

    @Test
    void rejectsANegativeOrSubMillisecondInterval() {
        assertThatThrownBy(() -> new RawSampleDownsampler(clock, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must not be negative");
        assertThatThrownBy(() -> new RawSampleDownsampler(clock, Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> LoopOptions.defaults().withRawSampleInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rawSampleInterval");
        assertThat(LoopOptions.defaults().rawSampleInterval()).isEqualTo(Duration.ofSeconds(1));
    }
}
