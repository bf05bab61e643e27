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
     * A dependency with {@code capacity} workers shared by the calls in flight: up to that many
     * calls take {@code baseMillis}, more take proportionally longer.
     */
    private final class Dependency {
        final int capacity;
        long baseMillis;

        Dependency(int capacity, long baseMillis) {
            this.capacity = capacity;
            this.baseMillis = baseMillis;
        }

        long latency(int inFlight) {
            return baseMillis * MS * Math.max(inFlight, capacity) / capacity;
        }

        /**
         * Bursts with lulls between them: as many calls as the limit admits start together and end
         * one by one, each taking what the calls still in flight with it make it take.
         */
        void bursts(Bulkhead bulkhead, int n) {
            for (int round = 0; round < n; round++) {
                int started = 0;
                while (bulkhead.tryAcquire()) {
                    started++;
                }
                for (int inFlight = started; inFlight >= 1; inFlight--) {
                    long latency = latency(inFlight);
                    clock.advance(Duration.ofNanos(latency / started));
                    bulkhead.release(latency, false);
                }
            }
        }

        /** Saturation: callers keep every slot busy, so every call runs with the whole limit in flight. */
        void saturated(Bulkhead bulkhead, int calls) {
            fill(bulkhead);
            for (int i = 0; i < calls; i++) {
                int inFlight = bulkhead.inFlight();
                long latency = latency(inFlight);
                clock.advance(Duration.ofNanos(latency / inFlight));
                bulkhead.release(latency, false);
                fill(bulkhead);
            }
            while (bulkhead.inFlight() > 0) { // the callers stop: the calls in flight end
                int inFlight = bulkhead.inFlight();
                long latency = latency(inFlight);
                clock.advance(Duration.ofNanos(latency / inFlight));
                bulkhead.release(latency, false);
            }
        }

        private void fill(Bulkhead bulkhead) {
            while (bulkhead.tryAcquire()) {
                // take every free slot
            }
        }
    }

    @Test
    void growsUntilCallsQueueThenHoldsAFewAboveTheDependencysCapacity() {
        Bulkhead bulkhead = Bulkhead.vegas("llm",
                VegasLimitConfig.ofDefaults().withNoLoadWindow(Duration.ofSeconds(1)), clock);
        Dependency dependency = new Dependency(40, 10);

        dependency.saturated(bulkhead, 2_000);
        // every call in flight: queue = limit - capacity, kept within alpha..beta = 3..6
        assertThat(bulkhead.limit()).isBetween(40 + 2, 40 + 6);

        dependency.saturated(bulkhead, 20_000); // minutes of saturation, many no-load windows
        assertThat(bulkhead.limit()).isBetween(40 + 2, 40 + 6); // no creeping up
    }

    @Test
    void shrinksWhenLatencyRisesWithConcurrency() {
        Bulkhead bulkhead = Bulkhead.vegas("llm", VegasLimitConfig.ofDefaults().withLimits(150, 1, 200), clock);
        Dependency dependency = new Dependency(40, 10);
        bulkhead.tryAcquire();
        bulkhead.release(10 * MS, false); // one call alone: the no-load latency

        dependency.saturated(bulkhead, 3_000); // about one less per round of 150 calls
        assertThat(bulkhead.limit()).isLessThan(150 - 15);

        dependency.saturated(bulkhead, 20_000);
        assertThat(bulkhead.limit()).isBetween(40 + 2, 40 + 6);
    }

    @Test
    void followsADependencyWhoseOwnLatencyMovedWhenQuietMomentsShowIt() {
        Bulkhead bulkhead = Bulkhead.vegas("llm",
                VegasLimitConfig.ofDefaults().withNoLoadWindow(Duration.ofSeconds(1)), clock);
        Dependency dependency = new Dependency(40, 10);
        dependency.bursts(bulkhead, 300);
        int before = bulkhead.limit();
        assertThat(before).isGreaterThan(40);

        dependency.baseMillis = 30; // e.g. moved to a farther region: every call 3x slower
        dependency.bursts(bulkhead, 10);
        assertThat(bulkhead.limit()).isLessThan(before); // read as queueing at first

        dependency.bursts(bulkhead, 400); // calls at low load show the new no-load latency
        assertThat(bulkhead.limit()).isBetween(before - 2, before + 2);
    }

    @Test
    void underSaturationAMovedBaselineKeepsTheLimitLowUntilAQuietMoment() {
        Bulkhead bulkhead = Bulkhead.vegas("llm",
                VegasLimitConfig.ofDefaults().withNoLoadWindow(Duration.ofSeconds(1)), clock);
        Dependency dependency = new Dependency(40, 10);
        dependency.saturated(bulkhead, 2_000);

        dependency.baseMillis = 30;
        dependency.saturated(bulkhead, 20_000);

        // queue = limit x (1 - 10/30) <= beta = 6: the documented price of not creeping up
        assertThat(bulkhead.limit()).isBetween(6, 10);
        dependency.bursts(bulkhead, 400);
        assertThat(bulkhead.limit()).isGreaterThan(40);
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

        new Dependency(1_000, 10).bursts(bulkhead, 200);

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
