package io.homeostat.core.bulkhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AimdBulkheadTest {

    private static final long FAST = Duration.ofMillis(10).toNanos();
    private static final long SLOW = Duration.ofSeconds(2).toNanos();

    private final AdaptiveLimitConfig config = AdaptiveLimitConfig.builder()
            .initialLimit(10).minLimit(2).maxLimit(12).latencyTarget(Duration.ofSeconds(1)).build();

    /** Runs {@code n} calls one after another, each released with {@code latency}. */
    private static void goodCalls(Bulkhead bulkhead, int n, long latency) {
        for (int i = 0; i < n; i++) {
            assertThat(bulkhead.tryAcquire()).isTrue();
            bulkhead.release(latency, false);
        }
    }

    private static void hold(Bulkhead bulkhead, int slots) {
        for (int i = 0; i < slots; i++) {
            assertThat(bulkhead.tryAcquire()).isTrue();
        }
    }

    @Test
    void growsByOneAfterAWindowOfFastCallsThatUseTheLimit() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);
        hold(bulkhead, 4); // with the call itself, 5 of 10 in use: half the limit

        goodCalls(bulkhead, 9, FAST);
        assertThat(bulkhead.limit()).isEqualTo(10);

        goodCalls(bulkhead, 1, FAST);
        assertThat(bulkhead.limit()).isEqualTo(11);

        hold(bulkhead, 1); // 6 of 11 in use
        goodCalls(bulkhead, 10, FAST);
        assertThat(bulkhead.limit()).isEqualTo(11);
        goodCalls(bulkhead, 1, FAST);
        assertThat(bulkhead.limit()).isEqualTo(12);
    }

    @Test
    void neverGrowsAboveMaxLimit() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);
        hold(bulkhead, 6);

        goodCalls(bulkhead, 500, FAST);

        assertThat(bulkhead.limit()).isEqualTo(12);
    }

    @Test
    void doesNotGrowWhileMostOfTheLimitIsUnused() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);
        hold(bulkhead, 3); // 4 of 10 in use

        goodCalls(bulkhead, 100, FAST);

        assertThat(bulkhead.limit()).isEqualTo(10);
    }

    @Test
    void shrinksByTheDecreaseFactorOnOverload() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", AdaptiveLimitConfig.builder()
                .initialLimit(100).maxLimit(100).minLimit(2).build());

        bulkhead.tryAcquire();
        bulkhead.release(FAST, true);
        assertThat(bulkhead.limit()).isEqualTo(90);

        bulkhead.tryAcquire();
        bulkhead.release(FAST, true);
        assertThat(bulkhead.limit()).isEqualTo(81);
    }

    @Test
    void shrinksOnACallSlowerThanTheLatencyTarget() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);

        bulkhead.tryAcquire();
        bulkhead.release(SLOW, false);

        assertThat(bulkhead.limit()).isEqualTo(9);
    }

    @Test
    void shrinkingSmallLimitsStillTakesAtLeastOneAndStopsAtMinLimit() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);

        for (int i = 0; i < 20; i++) {
            bulkhead.tryAcquire();
            bulkhead.release(FAST, true);
        }

        assertThat(bulkhead.limit()).isEqualTo(2);
    }

    @Test
    void overloadStartsANewGrowthWindow() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);
        hold(bulkhead, 4);
        goodCalls(bulkhead, 8, FAST);

        bulkhead.tryAcquire();
        bulkhead.release(FAST, true); // limit 9, window restarts
        goodCalls(bulkhead, 8, FAST);
        assertThat(bulkhead.limit()).isEqualTo(9);

        goodCalls(bulkhead, 1, FAST);
        assertThat(bulkhead.limit()).isEqualTo(10);
    }

    @Test
    void rejectsCallsOverTheCurrentLimit() {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);
        hold(bulkhead, 10);

        assertThat(bulkhead.tryAcquire()).isFalse();
        assertThat(bulkhead.inFlight()).isEqualTo(10);
    }

    @Test
    void neverMoreInFlightThanTheHighestLimitUnderSixteenRacingThreads() throws Exception {
        Bulkhead bulkhead = Bulkhead.adaptive("llm", config);
        BulkheadRace race = new BulkheadRace();

        race.run(bulkhead, 16, 20_000);

        assertThat(race.maxInside.get()).isLessThanOrEqualTo(race.maxLimitSeen.get()).isLessThanOrEqualTo(12);
        assertThat(bulkhead.limit()).isBetween(2, 12);
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void defaultsStartAtTwentyWithinOneToTwoHundred() {
        AdaptiveLimitConfig defaults = AdaptiveLimitConfig.ofDefaults();

        assertThat(defaults).isEqualTo(new AdaptiveLimitConfig(20, 1, 200, Duration.ofSeconds(5), 0.9));
        assertThat(Bulkhead.adaptive("llm").limit()).isEqualTo(20);
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> AdaptiveLimitConfig.builder().minLimit(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minLimit must be at least 1, was 0");
        assertThatThrownBy(() -> AdaptiveLimitConfig.builder().initialLimit(300).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limits must satisfy minLimit <= initialLimit <= maxLimit, were 1 <= 300 <= 200");
        assertThatThrownBy(() -> AdaptiveLimitConfig.builder().decreaseFactor(1.0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decreaseFactor must be within (0, 1), was 1.0");
        assertThatThrownBy(() -> AdaptiveLimitConfig.builder().decreaseFactor(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdaptiveLimitConfig.builder().latencyTarget(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyTarget must be positive, was PT0S");
        assertThatThrownBy(() -> Bulkhead.adaptive("llm", null)).isInstanceOf(NullPointerException.class);
    }
}
