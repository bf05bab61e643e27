package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawSampleDownsamplerTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private static MetricSample sample(String service, String metric, double value, long millisAfterT0) {
        return new MetricSample(service, metric, value, T0.plusMillis(millisAfterT0), Map.of());
    }

    private static MetricSample sample(double value, long millisAfterT0) {
        return sample("pay", "latency", value, millisAfterT0);
    }

    @Test
    void keepsTheFirstSampleOfEachSeriesInEachIntervalOfTheSamplesTime() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(1));

        assertThat(downsampler.keep(sample(1, 0))).isTrue();
        assertThat(downsampler.keep(sample(2, 0))).isFalse();
        assertThat(downsampler.keep(sample(3, 999))).isFalse();
        assertThat(downsampler.keep(sample(4, 1_000))).isTrue();
        assertThat(downsampler.keep(sample(5, 1_500))).isFalse();

        assertThat(downsampler.kept()).isEqualTo(2);
        assertThat(downsampler.skipped()).isEqualTo(3);
    }

    @Test
    void samplesThatArriveTogetherAreKeptByTheTimeTheyWereTaken() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(1));

        for (int i = 0; i < 10; i++) {
            assertThat(downsampler.keep(sample(i, i * 10_000L))).as("sample %d, 10 s after the last", i).isTrue();
        }
        assertThat(downsampler.skipped()).isZero();
    }

    @Test
    void aReplayInterleavedWithLiveSamplesLosesNoSecond() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(1));
        Set<Long> stored = new HashSet<>();
        int keptCount = 0;
        // Live samples from 12:01:40 on, two a second; the agent replays 12:00:00..12:01:39 between them, in
        // order, and again some of it out of order (a second send of a spooled batch).
        for (int i = 0; i < 100; i++) {
            for (MetricSample s : List.of(sample(i, 100_000L + i * 500L), sample(i, i * 1_000L),
                    sample(i, (99 - i) * 1_000L))) {
                if (downsampler.keep(s)) {
                    keptCount++;
                    stored.add(s.time().getEpochSecond());
                }
            }
        }
        Set<Long> expected = new HashSet<>();
        for (int second = 0; second < 150; second++) {
            expected.add(T0.getEpochSecond() + second);
        }
        assertThat(stored).as("every second of every stream is stored").isEqualTo(expected);
        assertThat(keptCount - stored.size()).as("duplicates: a replayed second kept twice at most").isLessThanOrEqualTo(100);
    }

    @Test
    void outOfOrderSamplesOfRecentlyKeptSecondsAreNotStoredAgain() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(1));

        assertThat(downsampler.keep(sample(1, 3_000))).isTrue();
        assertThat(downsampler.keep(sample(2, 1_000))).isTrue();
        assertThat(downsampler.keep(sample(3, 2_000))).isTrue();
        assertThat(downsampler.keep(sample(4, 3_500))).isFalse();
        assertThat(downsampler.keep(sample(5, 1_200))).isFalse();
        assertThat(downsampler.keep(sample(6, 4_000))).isTrue();
        assertThat(downsampler.keep(sample(7, 5_000))).isTrue(); // 12:00:03 is now beyond the last four kept
        assertThat(downsampler.keep(sample(8, 3_100))).as("a duplicate rather than a loss").isTrue();
    }

    @Test
    void eachServiceAndMetricIsItsOwnSeries() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(1));

        assertThat(downsampler.keep(sample("pay", "latency", 1, 0))).isTrue();
        assertThat(downsampler.keep(sample("pay", "errors", 1, 0))).isTrue();
        assertThat(downsampler.keep(sample("ship", "latency", 1, 0))).isTrue();
        assertThat(downsampler.keep(sample("ship", "latency", 2, 0))).isFalse();
    }

    @Test
    void intervalsAreAlignedToTheEpochAndConfigurable() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(5));

        assertThat(downsampler.keep(sample(1, 4_500))).isTrue();
        assertThat(downsampler.keep(sample(2, 4_999))).isFalse();
        assertThat(downsampler.keep(sample(3, 5_000))).isTrue(); // 12:00:05, a new 5 s window
        assertThat(downsampler.keep(sample(4, 9_999))).isFalse();
    }

    @Test
    void zeroKeepsEverySample() {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            assertThat(downsampler.keep(sample(i, 0))).isTrue();
        }
        assertThat(downsampler.kept()).isEqualTo(5);
        assertThat(downsampler.skipped()).isZero();
    }

    @Test
    void manyThreadsKeepExactlyOneSamplePerSecondOfASeries() throws Exception {
        RawSampleDownsampler downsampler = new RawSampleDownsampler(Duration.ofSeconds(1));
        int threads = 8;
        int seconds = 2_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        Set<Long> stored = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    SplittableRandom random = new SplittableRandom(seed);
                    // Each thread goes through the seconds in order, with a jitter inside each second.
                    for (int s = 0; s < seconds; s++) {
                        MetricSample sample = sample(s, s * 1_000L + random.nextInt(1_000));
                        if (downsampler.keep(sample)) {
                            stored.add(sample.time().getEpochSecond());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        // However far the threads drift apart (beyond four seconds, a second may be kept twice), none is lost.
        assertThat(stored).hasSize(seconds);
        assertThat(downsampler.kept() + downsampler.skipped()).isEqualTo((long) threads * seconds);
    }

    @Test
    void rejectsANegativeOrSubMillisecondInterval() {
        assertThatThrownBy(() -> new RawSampleDownsampler(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must not be negative");
        assertThatThrownBy(() -> new RawSampleDownsampler(Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> LoopOptions.defaults().withRawSampleInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rawSampleInterval");
        assertThat(LoopOptions.defaults().rawSampleInterval()).isEqualTo(Duration.ofSeconds(1));
    }
}
