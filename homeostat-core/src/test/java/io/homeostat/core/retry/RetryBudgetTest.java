package io.homeostat.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final ManualClock clock = ManualClock.create();

    private static Retry withBudget(double ratio, int minRetriesPerSecond) {
        return Retry.builder()
                .maxAttempts(10)
                .budget(new RetryBudget(ratio, Duration.ofSeconds(10), minRetriesPerSecond))
                .build();
    }

    private void calls(Retry retry, int n) {
        for (int i = 0; i < n; i++) {
            retry.onCall(clock.monotonicNanos());
        }
    }

    /** Asks for retries until the budget refuses; returns how many were granted. */
    private int retriesUntilRefused(Retry retry) {
        int granted = 0;
        while (retry.delayNanos(1, clock.monotonicNanos()) != Retry.NO_RETRY) {
            granted++;
            assertThat(granted).as("budget never refuses").isLessThan(1_000_000);
        }
        return granted;
    }

    @Test
    void grantsTheRatioOfCallsPlusTheReserveThenRefuses() {
        Retry retry = withBudget(0.2, 1); // reserve: 1/s over 10 s
        calls(retry, 100);

        assertThat(retriesUntilRefused(retry)).isEqualTo(20 + 10);
        assertThat(retry.retries()).isEqualTo(30);
        assertThat(retry.retriesRejectedByBudget()).isEqualTo(1);
        assertThat(retry.delayNanos(1, clock.monotonicNanos())).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.retriesRejectedByBudget()).isEqualTo(2);
    }

    @Test
    void reserveLetsAQuietServiceRetry() {
        Retry retry = withBudget(0.2, 10);
        calls(retry, 1);

        assertThat(retriesUntilRefused(retry)).isEqualTo(100);
    }

    @Test
    void moreCallsMakeRoomForMoreRetries() {
        Retry retry = withBudget(0.5, 0);
        calls(retry, 10);
        assertThat(retriesUntilRefused(retry)).isEqualTo(5);

        calls(retry, 4);

        assertThat(retriesUntilRefused(retry)).isEqualTo(2);
    }

    @Test
    void windowSlidesWithTheClockAndRefills() {
        Retry retry = withBudget(0.2, 0);
        calls(retry, 100);
        assertThat(retriesUntilRefused(retry)).isEqualTo(20);

        clock.advance(Duration.ofMillis(9_900)); // the first second is still in the window
        calls(retry, 50);
        assertThat(retriesUntilRefused(retry)).isEqualTo(10);

        clock.advance(Duration.ofMillis(100)); // the first second, its calls and retries, left it
        assertThat(retriesUntilRefused(retry)).isEqualTo(0);
        calls(retry, 100);
        assertThat(retriesUntilRefused(retry)).isEqualTo(20);

        clock.advance(Duration.ofSeconds(30)); // everything expired: a fresh window
        calls(retry, 10);
        assertThat(retriesUntilRefused(retry)).isEqualTo(2);
    }

    @Test
    void zeroRatioAndNoReserveMeansNoRetries() {
        Retry retry = withBudget(0.0, 0);
        calls(retry, 1_000);

        assertThat(retry.delayNanos(1, clock.monotonicNanos())).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.retriesRejectedByBudget()).isEqualTo(1);
    }

    @Test
    void unlimitedBudgetLeavesOnlyTheAttemptLimit() {
        Retry retry = Retry.builder().maxAttempts(3).budget(RetryBudget.unlimited()).build();

        for (int i = 0; i < 10_000; i++) {
            assertThat(retry.delayNanos(2, 0)).isNotEqualTo(Retry.NO_RETRY);
        }
        assertThat(retry.delayNanos(3, 0)).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.retriesRejectedByBudget()).isZero();
    }

    @Test
    void exhaustedAttemptsDoNotSpendTheBudget() {
        Retry retry = Retry.builder().maxAttempts(2).budget(new RetryBudget(0.2, Duration.ofSeconds(10), 0)).build();
        calls(retry, 10);

        assertThat(retry.delayNanos(2, 0)).isEqualTo(Retry.NO_RETRY);
        assertThat(retry.delayNanos(1, 0)).isNotEqualTo(Retry.NO_RETRY);
        assertThat(retry.delayNanos(1, 0)).isNotEqualTo(Retry.NO_RETRY);
        assertThat(retry.delayNanos(1, 0)).isEqualTo(Retry.NO_RETRY);
    }

    @Test
    void worksAtNegativeMonotonicTimes() {
        Retry retry = withBudget(0.2, 0);
        long now = -1_234_567_890_123L;
        for (int i = 0; i < 50; i++) {
            retry.onCall(now);
        }
        int granted = 0;
        while (retry.delayNanos(1, now) != Retry.NO_RETRY) {
            granted++;
        }

        assertThat(granted).isEqualTo(10);
    }

    @Test
    void grantedRetriesNeverExceedTheBudgetUnderEightRacingThreads() throws Exception {
        int threads = 8;
        int callsPerThread = 20_000;
        Retry retry = Retry.builder()
                .maxAttempts(3)
                .budget(new RetryBudget(0.2, Duration.ofSeconds(10), 1))
                .random(() -> new SplittableRandom(1))
                .build();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long granted = 0;
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long mine = 0;
                    for (int i = 0; i < callsPerThread; i++) {
                        retry.onCall(0);
                        if (retry.delayNanos(1, 0) != Retry.NO_RETRY) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            for (Future<Long> result : results) {
                granted += result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long bound = threads * callsPerThread / 5 + 10;

        assertThat(granted).isEqualTo(retry.retries()).isLessThanOrEqualTo(bound);
        assertThat(granted + retry.retriesRejectedByBudget()).isEqualTo((long) threads * callsPerThread);
        // nothing leaked: after the race the budget hands out exactly what is left of the bound
        assertThat(granted + retriesUntilRefused(retry)).isEqualTo(bound);
    }

    @Test
    void aHugeRatioGrantsAtLeastWhatAModestOneDoes() {
        for (double ratio : new double[] {1e6, 1e19, Double.MAX_VALUE}) {
            Retry retry = withBudget(ratio, 10);
            calls(retry, 20);
            int granted = 0;
            for (int ask = 0; ask < 1_000; ask++) {
                granted += retry.delayNanos(1, clock.monotonicNanos()) == Retry.NO_RETRY ? 0 : 1;
            }
            assertThat(granted).as("ratio %s", ratio).isEqualTo(1_000);
        }
    }

    @Test
    void aWindowOfCenturiesIsRefusedWhenTheBudgetIsMade() {
        assertThatThrownBy(() -> new RetryBudget(0.2, Duration.ofDays(365L * 300), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be at most");
    }
}
