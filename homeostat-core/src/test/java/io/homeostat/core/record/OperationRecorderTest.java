package io.homeostat.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.TierKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OperationRecorderTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final OperationRecorder recorder = OperationRecorder.create("db:primary", RecorderConfig.defaults(), 0);

    @Test
    void countsEveryOutcomeKind() {
        recorder.recordSuccess(1, 3 * MS);
        recorder.recordSuccess(2, 4 * MS);
        recorder.recordFailure(3, 10 * MS, ErrorCategory.CONNECTION_REFUSED);
        recorder.recordFailure(4, 10 * MS, ErrorCategory.CONNECTION_REFUSED);
        recorder.recordFailure(5, 1 * MS, ErrorCategory.RATE_LIMIT);
        recorder.recordTimeout(6, 2 * SECOND);
        recorder.recordRejected(7);
        recorder.recordRejected(8);
        recorder.recordFallback(9, TierKind.CACHED);
        recorder.recordRetry(10);

        OperationSnapshot snapshot = recorder.snapshot(11);

        assertThat(snapshot.attempts()).isEqualTo(6);
        assertThat(snapshot.successes()).isEqualTo(2);
        assertThat(snapshot.failuresByCategory())
                .containsExactlyInAnyOrderEntriesOf(Map.of(ErrorCategory.CONNECTION_REFUSED, 2L, ErrorCategory.RATE_LIMIT, 1L));
        assertThat(snapshot.failures()).isEqualTo(3);
        assertThat(snapshot.timeouts()).isEqualTo(1);
        assertThat(snapshot.rejected()).isEqualTo(2);
        assertThat(snapshot.fallbacks()).containsExactlyEntriesOf(Map.of(TierKind.CACHED, 1L));
        assertThat(snapshot.retries()).isEqualTo(1);
        assertThat(snapshot.errorRate()).isCloseTo(4.0 / 6, within(1e-9));
    }

    @Test
    void percentilesAreWithinTheHistogramsRelativeError() {
        // 1..1000 ms, one call each: p50 = 500 ms, p95 = 950 ms, p99 = 990 ms.
        for (int ms = 1; ms <= 1000; ms++) {
            recorder.recordSuccess(ms, ms * MS);
        }

        OperationSnapshot snapshot = recorder.snapshot(1001);

        assertThat((double) snapshot.p50Nanos()).isCloseTo(500 * MS, within(500 * MS * 0.125));
        assertThat((double) snapshot.p95Nanos()).isCloseTo(950 * MS, within(950 * MS * 0.125));
        assertThat((double) snapshot.p99Nanos()).isCloseTo(990 * MS, within(990 * MS * 0.125));
        assertThat(snapshot.maxNanos()).isBetween(1000 * MS, (long) (1000 * MS * 1.125));
    }

    @Test
    void windowForgetsWhatIsOlderThanItWhileTotalKeepsEverything() {
        recorder.recordFailure(1 * SECOND, MS, ErrorCategory.TIMEOUT);
        for (long t = 0; t < 120; t++) {
            recorder.recordSuccess(t * SECOND, MS);
        }

        OperationSnapshot window = recorder.snapshot(120 * SECOND);
        OperationSnapshot total = recorder.total();

        assertThat(window.failures()).isZero();
        assertThat(window.attempts()).isBetween(60L, 65L);
        assertThat(total.attempts()).isEqualTo(121);
        assertThat(total.failures()).isEqualTo(1);
    }

    @Test
    void idleGapsLeaveNoStaleCountsInTheWindow() {
        recorder.recordSuccess(0, MS);
        recorder.recordSuccess(3600 * SECOND, MS);

        assertThat(recorder.snapshot(3600 * SECOND).attempts()).isEqualTo(1);
        assertThat(recorder.total().attempts()).isEqualTo(2);
    }

    /** Reports one success the way a guard does: timed only if the recorder asks for it. */
    private static void succeed(OperationRecorder recorder, long now, long latency) {
        long weight = recorder.latencyWeight(now);
        if (weight == 0) {
            recorder.recordUntimedSuccess(now);
        } else {
            recorder.recordSampledSuccess(now + latency, latency, weight);
        }
    }

    @Test
    void samplingTimesAboutOneSuccessInNButCountsEveryOne() {
        OperationRecorder sampled = OperationRecorder.create("x", RecorderConfig.defaults(), 0);
        int timed = 0;
        for (int i = 0; i < 80_000; i++) {
            long weight = sampled.latencyWeight(i * 1_000L); // 1 µs apart: never quiet after the first
            timed += weight == 0 ? 0 : 1;
            if (weight == 0) {
                sampled.recordUntimedSuccess(i * 1_000L);
            } else {
                sampled.recordSampledSuccess(i * 1_000L, MS, weight);
            }
        }
        for (int i = 0; i < 7; i++) {
            sampled.recordFailure(i, MS, ErrorCategory.UNKNOWN);
        }

        OperationSnapshot snapshot = sampled.total();

        assertThat(RecorderConfig.defaults().successSampling()).isEqualTo(8);
        assertThat(timed).isBetween(9_000, 11_000); // 80,000 / 8 = 10,000 expected, sd ~ 94
        assertThat(snapshot.successes()).isEqualTo(80_000);
        assertThat(snapshot.failures()).isEqualTo(7);
        assertThat(snapshot.attempts()).isEqualTo(80_007);
    }

    @Test
    void sampledPercentilesEstimateThoseOfEveryCall() {
        OperationRecorder sampled = OperationRecorder.create("x", RecorderConfig.defaults(), 0);
        // 90 % at 1 ms, 8 % at 50 ms, 2 % at 500 ms: p50 1 ms, p95 50 ms, p99 500 ms.
        for (int i = 0; i < 200_000; i++) {
            int bucket = i % 100;
            long latency = bucket < 90 ? MS : bucket < 98 ? 50 * MS : 500 * MS;
            succeed(sampled, i * 1_000L, latency);
        }

        OperationSnapshot snapshot = sampled.total();

        assertThat(snapshot.successes()).isEqualTo(200_000);
        assertThat((double) snapshot.p50Nanos()).isCloseTo(MS, within(MS * 0.125));
        assertThat((double) snapshot.p95Nanos()).isCloseTo(50 * MS, within(50 * MS * 0.125));
        assertThat((double) snapshot.p99Nanos()).isCloseTo(500 * MS, within(500 * MS * 0.125));
    }

    @Test
    void aQuietGuardTimesEverySuccess() {
        OperationRecorder sampled = OperationRecorder.create("x", RecorderConfig.defaults(), 0);

        for (int i = 0; i < 50; i++) {
            // 100 ms apart: each is the first on its stripe for 100 ms
            assertThat(sampled.latencyWeight(i * 100 * MS)).isEqualTo(1);
        }
    }

    @Test
    void everySuccessIsTimedWithSamplingOne() {
        OperationRecorder all = OperationRecorder.create("x", RecorderConfig.defaults().withSuccessSampling(1), 0);

        for (int i = 0; i < 1_000; i++) {
            assertThat(all.latencyWeight(i)).isEqualTo(1);
        }
    }

    @Test
    void aSampledSuccessMustWeighAtLeastOne() {
        assertThatThrownBy(() -> recorder.recordSampledSuccess(0, MS, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight must be at least 1, was 0");
    }

    @Test
    void threadsRacingAcrossIntervalRotationsLoseNothing() throws Exception {
        int threads = 8;
        int phases = 40;
        int perPhase = 2_000;
        OperationRecorder shared = OperationRecorder.create("race", RecorderConfig.defaults()
                .withWindow(Duration.ofSeconds(10), Duration.ofSeconds(1)), 0);
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    long[] mine = new long[3];
                    for (int phase = 0; phase < phases; phase++) {
                        barrier.await();
                        // Every phase is a new interval (the first writer rotates, the others race it).
                        long now = phase * SECOND + random.nextLong(SECOND / 2);
                        for (int i = 0; i < perPhase; i++) {
                            switch (random.nextInt(3)) {
                                case 0 -> { succeed(shared, now, random.nextLong(1, 5 * SECOND)); mine[0]++; }
                                case 1 -> { shared.recordFailure(now, MS, ErrorCategory.UNAVAILABLE); mine[1]++; }
                                default -> { shared.recordRejected(now); mine[2]++; }
                            }
                        }
                    }
                    return mine;
                }));
            }
            long[] expected = new long[3];
            for (Future<long[]> result : results) {
                long[] mine = result.get();
                for (int i = 0; i < 3; i++) {
                    expected[i] += mine[i];
                }
            }

            OperationSnapshot total = shared.total();
            assertThat(total.successes()).isEqualTo(expected[0]);
            assertThat(total.failures()).isEqualTo(expected[1]);
            assertThat(total.rejected()).isEqualTo(expected[2]);
            assertThat(expected[0] + expected[1] + expected[2]).isEqualTo((long) threads * phases * perPhase);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsWindowsThatAreNotWholeIntervals() {
        assertThatThrownBy(() -> RecorderConfig.defaults().withWindow(Duration.ofSeconds(60), Duration.ofSeconds(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number of intervals");
        assertThatThrownBy(() -> RecorderConfig.defaults().withSuccessSampling(0))
                .hasMessageContaining("successSampling must be at least 1");
    }
}
