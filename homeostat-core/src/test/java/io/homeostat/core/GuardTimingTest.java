package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.SlidingWindowType;
import io.homeostat.core.bulkhead.Bulkhead;
import io.homeostat.core.bulkhead.VegasLimitConfig;
import io.homeostat.core.record.OperationSnapshot;
import io.homeostat.core.record.RecorderConfig;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryBudget;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which calls a guard times: sampled successes when no policy needs every latency, else all. */
class GuardTimingTest {

    private static final long MS = 1_000_000L;
    private static final int CALLS = 2_000;

    private final CountingClock clock = new CountingClock();

    private GuardBuilder guard() {
        return Guard.builder("dep").scheduler(clock.scheduler())
                .circuitBreaker(CircuitBreaker.builder("dep").clock(clock).build())
                .retry(Retry.builder().budget(RetryBudget.unlimited()).build());
    }

    /** {@link #CALLS} successes at one instant, so the recorder never sees a quiet guard after the first. */
    private long readsFor(Guard guard) {
        long before = clock.monotonicReads.get();
        for (int i = 0; i < CALLS; i++) {
            assertThat(guard.call(() -> "ok")).isEqualTo("ok");
        }
        return clock.monotonicReads.get() - before;
    }

    @Test
    void withoutASlowCallRuleMostSuccessesReadTheClockOnceAndAllAreCounted() {
        Guard guard = guard().build();

        long reads = readsFor(guard);

        // one read per call, a second for the first call and about one in 8 of the others
        assertThat(reads).isBetween(CALLS + 150L, CALLS + 400L);
        OperationSnapshot snapshot = guard.snapshot();
        assertThat(snapshot.successes()).isEqualTo(CALLS);
        assertThat(snapshot.attempts()).isEqualTo(CALLS);
    }

    @Test
    void aSlowCallRuleATimeoutOrSamplingOneTimeEveryCall() {
        Guard slowRule = Guard.builder("dep").scheduler(clock.scheduler())
                .circuitBreaker(CircuitBreaker.builder("dep").clock(clock).config(CircuitBreakerConfig.builder()
                        .slowCallRateThreshold(100).build()).build())
                .build();
        Guard timeout = guard().timeout(Duration.ofSeconds(5)).build();
        Guard everySuccess = guard().recording(RecorderConfig.defaults().withSuccessSampling(1)).build();
        Guard adaptive = guard().bulkhead(Bulkhead.adaptive("dep")).build();
        Guard vegas = guard().bulkhead(Bulkhead.vegas("dep", clock)).build();

        assertThat(readsFor(slowRule)).isEqualTo(2L * CALLS);
        assertThat(readsFor(timeout)).isGreaterThanOrEqualTo(2L * CALLS);
        assertThat(readsFor(everySuccess)).isEqualTo(2L * CALLS);
        assertThat(readsFor(adaptive)).isEqualTo(2L * CALLS);
        assertThat(readsFor(vegas)).isGreaterThanOrEqualTo(2L * CALLS); // plus the bulkhead's own read per release
    }

    @Test
    void aSlowCallRuleSeesEverySlowCall() {
        Guard guard = Guard.builder("dep").scheduler(clock.scheduler())
                .circuitBreaker(CircuitBreaker.builder("dep").clock(clock).config(CircuitBreakerConfig.builder()
                        .slowCallRateThreshold(100).slowCallDuration(Duration.ofMillis(10))
                        .slidingWindow(SlidingWindowType.COUNT_BASED, 10).minimumNumberOfCalls(10).build()).build())
                .build();

        for (int i = 0; i < 10; i++) {
            guard.call(() -> {
                clock.manual.advanceMillis(20); // slow, and 5 calls per 100 ms: not a quiet guard
                return "ok";
            });
        }

        assertThat(guard.circuitBreaker().orElseThrow().state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void failuresAreAlwaysTimed() {
        Guard guard = Guard.builder("dep").scheduler(clock.scheduler())
                .retry(Retry.builder().budget(RetryBudget.unlimited()).build()).build();

        for (int i = 0; i < 200; i++) {
            try {
                guard.call(() -> {
                    clock.manual.advanceMillis(30);
                    throw new IOException("down");
                });
            } catch (CallFailedException expected) {
                // the guard gave up
            }
        }

        OperationSnapshot snapshot = guard.recorder().total();
        assertThat(snapshot.failures()).isEqualTo(200 * 3); // three attempts each, every one recorded
        assertThat((double) snapshot.p50Nanos()).isCloseTo(30 * MS, within(30 * MS * 0.125));
        assertThat((double) snapshot.p99Nanos()).isCloseTo(30 * MS, within(30 * MS * 0.125));
    }

    @Test
    void aQuietGuardTimesEverySuccess() {
        Guard guard = guard().build();

        for (int i = 0; i < 50; i++) {
            long latency = i % 2 == 0 ? 5 : 300;
            guard.call(() -> {
                clock.manual.advanceMillis(latency);
                return "ok";
            });
            clock.manual.advanceMillis(100);
        }

        OperationSnapshot snapshot = guard.snapshot();
        assertThat(snapshot.successes()).isEqualTo(50);
        assertThat((double) snapshot.p50Nanos()).isCloseTo(5 * MS, within(5 * MS * 0.125));
        assertThat((double) snapshot.p95Nanos()).isCloseTo(300 * MS, within(300 * MS * 0.125));
    }

    @Test
    void aVegasBulkheadSeesTheLatencyOfEveryCall() {
        Bulkhead vegas = Bulkhead.vegas("dep", VegasLimitConfig.ofDefaults(), clock);
        Guard guard = guard().bulkhead(vegas).build();
        guard.call(() -> {
            clock.manual.advanceMillis(10); // the no-load latency
            return "ok";
        });

        for (int i = 0; i < 40; i++) {
            guard.call(() -> {
                clock.manual.advanceMillis(100); // ten times slower: calls are queueing
                return "ok";
            });
        }

        assertThat(vegas.limit()).isLessThan(VegasLimitConfig.ofDefaults().initialLimit());
    }
}
