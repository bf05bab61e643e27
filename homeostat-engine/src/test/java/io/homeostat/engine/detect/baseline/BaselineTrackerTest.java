package io.homeostat.engine.detect.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import io.homeostat.engine.port.BaselineStore;
import io.homeostat.engine.port.memory.InMemoryBaselineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineTrackerTest {

    private static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final SeriesKey SERIES = new SeriesKey("db", "latency.p95");

    private record Point(long time, double value) {}

    /** The statistics of the window at {@code now}, computed from every sample it holds. */
    private static void assertMatchesExact(Baseline baseline, List<Point> points, BaselineWindow window, long now) {
        long bucket = window.bucket().toMillis();
        long newest = Math.floorDiv(now, bucket);
        long oldest = newest - window.buckets();
        double[] values = points.stream()
                .filter(p -> Math.floorDiv(p.time, bucket) >= oldest && Math.floorDiv(p.time, bucket) <= newest)
                .mapToDouble(Point::value).sorted().toArray();
        double mean = Arrays.stream(values).average().orElseThrow();
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;

        assertThat(baseline.count()).isEqualTo(values.length);
        assertThat(baseline.mean()).isCloseTo(mean, within(1e-9 * Math.abs(mean) + 1e-12));
        assertThat(baseline.stddev()).isCloseTo(Math.sqrt(variance), within(1e-7 * Math.sqrt(variance) + 1e-12));
        assertThat(baseline.min()).isEqualTo(values[0]);
        assertThat(baseline.max()).isEqualTo(values[values.length - 1]);
        for (double q : new double[] {0.50, 0.95, 0.99}) {
            double exact = values[(int) Math.ceil(q * values.length) - 1];
            double estimate = q == 0.50 ? baseline.p50() : q == 0.95 ? baseline.p95() : baseline.p99();
            assertThat(estimate).as("p%s of %s", q, window)
                    .isCloseTo(exact, within(Baseline.QUANTILE_RELATIVE_ERROR * Math.abs(exact) + 1e-12));
        }
        assertThat(baseline.median()).isEqualTo(baseline.p50());
        assertThat(baseline.calculatedAt()).isEqualTo(Instant.ofEpochMilli(now));
        assertThat(baseline.validUntil()).isEqualTo(Instant.ofEpochMilli((newest + 1) * bucket));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "samples up to {0} min late")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 20})
    void statisticsMatchAnExactComputationOnSeededRandomData(int lateMinutes) {
        Random random = new Random(20261130 + lateMinutes);
        BaselineTracker tracker = BaselineTracker.create();
        List<Point> points = new ArrayList<>();
        long time = T0;
        long end = T0 + Duration.ofDays(9).toMillis();
        long nextCheck = T0 + Duration.ofMinutes(37).toMillis();
        int checks = 0;
        while (time < end) {
            time += 5_000 + random.nextInt(50_000);
            // Lognormal latencies with a daily swing and rare spikes, sometimes negative offsets.
            double daily = 1 + 0.5 * Math.sin(2 * Math.PI * (time - T0) / 86_400_000.0);
            double value = 40 * daily * Math.exp(0.4 * random.nextGaussian()) + (random.nextInt(500) == 0 ? 5000 : 0);
            if (random.nextInt(50) == 0) {
                value = -value / 10;
            }
            // Out of order when asked: a sample may carry a time up to lateMinutes before the newest.
            long at = lateMinutes == 0 ? time : time - random.nextInt(lateMinutes * 60_000);
            tracker.sample(SERIES.service(), SERIES.metric(), at, value);
            points.add(new Point(at, value));
            if (time >= nextCheck) {
                for (BaselineWindow window : BaselineWindow.values()) {
                    Baseline baseline = tracker.baseline(SERIES, window, Instant.ofEpochMilli(time)).orElseThrow();
                    assertMatchesExact(baseline, points, window, time);
                }
                checks++;
                nextCheck += Duration.ofHours(7).plusMinutes(13).toMillis();
            }
        }
        assertThat(checks).isGreaterThan(25);
    }

    @Test
    void handsAFreshBaselineToTheListenerEachTimeAWindowMovesOn() {
        BaselineStore store = new InMemoryBaselineStore();
        List<Baseline> fresh = new ArrayList<>();
        BaselineTracker tracker = BaselineTracker.create(BaselineTracker.DEFAULT_LIMITS, b -> {
            fresh.add(b);
            store.save(b);
        });

        // One sample a minute for two days.
        for (int minute = 0; minute < 2 * 24 * 60; minute++) {
            tracker.sample("db", "m", T0 + minute * 60_000L, minute % 10);
        }

        long hourMoves = fresh.stream().filter(b -> b.window() == BaselineWindow.HOUR).count();
        long dayMoves = fresh.stream().filter(b -> b.window() == BaselineWindow.DAY).count();
        long weekMoves = fresh.stream().filter(b -> b.window() == BaselineWindow.WEEK).count();
        assertThat(hourMoves).isEqualTo(2 * 24 * 4 - 1);
        assertThat(dayMoves).isEqualTo(2 * 6 - 1);
        assertThat(weekMoves).isEqualTo(1);
        Baseline hour = store.find(new SeriesKey("db", "m"), BaselineWindow.HOUR).orElseThrow();
        // The last move opened the final 15-minute bucket: its baseline covers the hour before and one sample.
        assertThat(hour.count()).isEqualTo(61);
        assertThat(hour.min()).isEqualTo(0);
        assertThat(hour.max()).isEqualTo(9);
    }

    @Test
    void forgetsNothingOutsideItsLimitAndIgnoresSamplesOlderThanTheWindow() {
        BaselineTracker tracker = BaselineTracker.create(new SeriesLimits(1, Duration.ofDays(7)), b -> {});

        tracker.sample("a", "m", T0, 1);
        tracker.sample("b", "m", T0, 1);
        tracker.sample("a", "m", T0 + Duration.ofHours(3).toMillis(), 3);
        tracker.sample("a", "m", T0 - Duration.ofDays(30).toMillis(), 1000);

        assertThat(tracker.series()).isEqualTo(1);
        assertThat(tracker.untracked()).isEqualTo(1);
        assertThat(tracker.baseline(new SeriesKey("b", "m"), BaselineWindow.HOUR, Instant.ofEpochMilli(T0))).isEmpty();
        Baseline day = tracker.baseline(new SeriesKey("a", "m"), BaselineWindow.DAY,
                Instant.ofEpochMilli(T0 + Duration.ofHours(3).toMillis())).orElseThrow();
        assertThat(day.count()).isEqualTo(2);
        assertThat(day.max()).isEqualTo(3);
        // An hour later than anything it holds, the hour window is empty.
        assertThat(tracker.baseline(new SeriesKey("a", "m"), BaselineWindow.HOUR,
                Instant.ofEpochMilli(T0 + Duration.ofHours(5).toMillis()))).isEmpty();
    }

    @Test
    void histogramKeepsItsBoundWhenValuesSpanEveryMagnitude() {
        long[] histogram = LogHistogram.EMPTY;
        for (int exponent = -300; exponent <= 300; exponent++) {
            histogram = LogHistogram.add(histogram, LogHistogram.key(Math.pow(10, exponent)));
            histogram = LogHistogram.add(histogram, LogHistogram.key(-Math.pow(10, exponent)));
        }
        assertThat(LogHistogram.size(histogram)).isEqualTo(LogHistogram.MAX_BINS);
        assertThat(LogHistogram.EMPTY).containsExactly(0L);
        for (double v : new double[] {1e-6, 0.5, 1, 3, 1234.5, 7e12}) {
            double represented = LogHistogram.representative(LogHistogram.key(v));
            assertThat(Math.abs(represented - v) / v).isLessThanOrEqualTo(Baseline.QUANTILE_RELATIVE_ERROR + 1e-12);
        }
        assertThat(LogHistogram.key(0)).isZero();
        assertThat(LogHistogram.key(-2)).isLessThan(LogHistogram.key(-1)).isLessThan(0);
    }
}
