package io.homeostat.core.bulkhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VegasBulkheadTest {

    private static final long MS = 1_000_000L;

    private final ManualClock clock = ManualClock.create();

    /**
     * A dependency with {@code capacity} workers: up to that many calls take {@code baseMillis},
     * more queue and take proportionally longer.
     */
    private final class Dependency {
        final int capacity;
        long baseMillis;

        Dependency(int capacity, long baseMillis) {
            this.capacity = capacity;
            this.baseMillis = baseMillis;
        }

        /** One round: as many calls as the limit admits start together and end together. */
        void round(Bulkhead bulkhead) {
            int started = 0;
            while (bulkhead.tryAcquire()) {
                started++;
            }
            long latency = baseMillis * MS * Math.max(started, capacity) / capacity;
            clock.advance(Duration.ofNanos(latency));
            for (int i = 0; i < started; i++) {
                bulkhead.release(latency, false);
            }
        }

        void rounds(Bulkhead bulkhead, int n) {
            for (int i = 0; i < n; i++) {
                round(bulkhead);
            }
        }
    }

    @Test
    void growsUntilCallsQueueThenHoldsAFewAboveTheDependencysCapacity() {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults(), clock);
        Dependency dependency = new Dependency(40, 10);

        dependency.rounds(bulkhead, 300);

        // queue = limit - capacity is kept within alpha..beta = 3..6
        assertThat(bulkhead.limit()).isBetween(40 + 2, 40 + 6);
        int settled = bulkhead.limit();
        dependency.rounds(bulkhead, 100);
        assertThat(bulkhead.limit()).isBetween(settled - 1, settled + 1);
    }

    @Test
    void shrinksWhenLatencyRisesWithConcurrency() {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults().withLimits(150, 1, 200), clock);
        Dependency dependency = new Dependency(40, 10);
        dependency.baseMillis = 10;
        bulkhead.tryAcquire();
        bulkhead.release(10 * MS, false); // one call alone: the no-load latency

        dependency.rounds(bulkhead, 20);
        assertThat(bulkhead.limit()).isLessThan(150 - 15);

        dependency.rounds(bulkhead, 200);
        assertThat(bulkhead.limit()).isBetween(40 + 2, 40 + 6);
    }

    @Test
    void followsADependencyWhoseOwnLatencyMovedAfterTwoNoLoadWindows() {
        Bulkhead bulkhead = Bulkhead.vegas("llm",
                VegasLimitConfig.ofDefaults().withNoLoadWindow(Duration.ofSeconds(1)), clock);
        Dependency dependency = new Dependency(40, 10);
        dependency.rounds(bulkhead, 300);
        int before = bulkhead.limit();

        dependency.baseMillis = 30; // e.g. moved to a farther region: every call 3x slower
        dependency.rounds(bulkhead, 10);
        assertThat(bulkhead.limit()).isLessThan(before); // read as queueing at first

        clock.advance(Duration.ofSeconds(2)); // both no-load windows have passed
        dependency.rounds(bulkhead, 150);
        // back to using the dependency's capacity (above it by what the documented drift allows)
        assertThat(bulkhead.limit()).isBetween(40, 40 + 20);
    }

    @Test
    void doesNotGrowWhileMostOfTheLimitIsUnused() {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults(), clock);

        for (int i = 0; i < 500; i++) {
            assertThat(bulkhead.tryAcquire()).isTrue();
            clock.advanceMillis(10);
            bulkhead.release(10 * MS, false); // one call at a time out of 20: no queue, no evidence
        }

        assertThat(bulkhead.limit()).isEqualTo(20);
    }

    @Test
    void shrinksByTheDecreaseFactorOnOverloadDownToMinLimit() {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults().withLimits(100, 2, 200), clock);

        bulkhead.tryAcquire();
        bulkhead.release(10 * MS, true);
        assertThat(bulkhead.limit()).isEqualTo(90);

        for (int i = 0; i < 100; i++) {
            bulkhead.tryAcquire();
            bulkhead.release(10 * MS, true);
        }
        assertThat(bulkhead.limit()).isEqualTo(2);
    }

    @Test
    void neverGrowsAboveMaxLimit() {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults().withLimits(20, 1, 25), clock);

        new Dependency(1_000, 10).rounds(bulkhead, 200);

        assertThat(bulkhead.limit()).isEqualTo(25);
    }

    @Test
    void neverMoreInFlightThanTheHighestLimitUnderSixteenRacingThreads() throws Exception {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults().withLimits(10, 2, 12), clock);
        BulkheadRace race = new BulkheadRace();

        race.run(bulkhead, 16, 20_000);

        assertThat(race.maxInside.get()).isLessThanOrEqualTo(race.maxLimitSeen.get()).isLessThanOrEqualTo(12);
        assertThat(bulkhead.limit()).isBetween(2, 12);
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void defaultsAndBadConfiguration() {
        assertThat(VegasLimitConfig.ofDefaults())
                .isEqualTo(new VegasLimitConfig(20, 1, 200, 3, 6, 0.9, Duration.ofSeconds(30)));
        assertThat(Bulkhead.vegas("llm", clock).limit()).isEqualTo(20);
        assertThat(Bulkhead.vegas("llm", clock).usesLatency()).isTrue();
        assertThatThrownBy(() -> VegasLimitConfig.ofDefaults().withLimits(20, 0, 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minLimit must be at least 1, was 0");
        assertThatThrownBy(() -> VegasLimitConfig.ofDefaults().withQueue(6, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha and beta must satisfy 0 <= alpha < beta, were 6 and 6");
        assertThatThrownBy(() -> VegasLimitConfig.ofDefaults().withNoLoadWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noLoadWindow must be positive, was PT0S");
        assertThatThrownBy(() -> new VegasLimitConfig(20, 1, 200, 3, 6, 1.0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decreaseFactor must be within (0, 1), was 1.0");
        assertThatThrownBy(() -> Bulkhead.vegas("llm", null)).isInstanceOf(NullPointerException.class);
    }
}
