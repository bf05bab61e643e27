package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleMetricSourceTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final ManualClock clock = ManualClock.at(T0);
    private final SampleMetricSource source = SampleMetricSource.create(clock);

    private void sample(String service, String metric, double value, Instant time) {
        source.observe(List.<Signal>of(new MetricSample(service, metric, value, time, Map.of())));
    }

    @Test
    void readsTheLatestSampleUnderTheCriterionsName() {
        sample("api", "error.rate", 0.5, T0.minusSeconds(2));
        sample("api", "error.rate", 0.01, T0.minusSeconds(1));
        sample("api", "latency.p99", 250, T0);
        sample("api", "heap.used.ratio", 0.7, T0);

        assertThat(source.read("api", "error_rate")).hasValue(0.01);
        assertThat(source.read("api", "p99_ms")).hasValue(250);
        assertThat(source.read("api", "heap_used_ratio")).hasValue(0.7);
        assertThat(source.read("api", "heap.used.ratio")).as("a sample's own name reads too").hasValue(0.7);
        assertThat(source.read("other", "error_rate")).isEmpty();
        assertThat(source.read("api", "rejected")).isEmpty();
    }

    @Test
    void aNameWithUnderscoresReadsItsOwnSeriesWhenNoDottedOneIsFresh() {
        sample("api", "queue_depth", 12, T0);

        assertThat(source.read("api", "queue_depth")).hasValue(12);
    }

    @Test
    void aSampleOlderThanTheLatestDoesNotReplaceIt() {
        sample("api", "error.rate", 0.0, T0);
        sample("api", "error.rate", 0.9, T0.minusSeconds(3)); // replayed late

        assertThat(source.read("api", "error_rate")).hasValue(0.0);
    }

    @Test
    void aReadingCountsOnlyWhileItsSampleIsWithinTheMaximumAge() {
        sample("api", "error.rate", 0.0, T0);

        clock.advance(SampleMetricSource.DEFAULT_MAX_AGE);
        assertThat(source.read("api", "error_rate")).hasValue(0.0);
        clock.advance(Duration.ofMillis(1));
        assertThat(source.read("api", "error_rate")).as("the service stopped reporting").isEmpty();

        sample("api", "error.rate", 0.0, T0.minusSeconds(60));
        assertThat(source.read("api", "error_rate")).as("a replayed old sample is not fresh").isEmpty();
        sample("api", "error.rate", 0.0, clock.instant().plusSeconds(60));
        assertThat(source.read("api", "error_rate")).as("nor one stamped far ahead").isEmpty();
    }

    @Test
    void theGuardsOfThisJvmComeFirstAndSamplesAnswerForTheRest() {
        GuardRegistry guards = GuardRegistry.builder().clock(clock).build();
        Guard local = guards.replace("local", GuardConfig.builder().build());
        catchThrowable(() -> local.call(() -> {
            throw new IOException("down");
        }));
        MetricSource metrics = new GuardMetricSource(guards, List.of()).orElse(source);
        sample("local", "error.rate", 0.0, T0);
        sample("remote", "error.rate", 0.02, T0);

        assertThat(metrics.read("local", "error_rate")).hasValue(1.0);
        assertThat(metrics.read("remote", "error_rate")).hasValue(0.02);
    }

    @Test
    void rejectsAMaximumAgeThatIsNotPositive() {
        assertThatThrownBy(() -> SampleMetricSource.create(clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
