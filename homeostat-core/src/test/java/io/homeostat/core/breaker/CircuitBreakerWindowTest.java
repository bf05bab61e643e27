package io.homeostat.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerWindowTest {

    @Test
    void countWindowKeepsOnlyTheLastCalls() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().failureRateThreshold(60)
                .slidingWindow(SlidingWindowType.COUNT_BASED, 10).build());
        f.fail(5);
        f.succeed(5);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(10, 5, 0, 0));

        f.succeed(3);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(10, 2, 0, 0));
        f.succeed(2);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(10, 0, 0, 0));

        f.fail(5);
        assertThat(f.breaker.state()).isEqualTo(CircuitState.CLOSED);
        f.fail();
        assertThat(f.breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(f.last().reason()).isEqualTo("failure rate 60.0% >= 60.0% over 10 calls");
    }

    @Test
    void countWindowIgnoresTheClock() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());
        f.fail(9);
        f.clock.advance(Duration.ofHours(5));

        f.fail();

        assertThat(f.breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void timeWindowForgetsBucketsOlderThanItsSize() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindowType.TIME_BASED, 10).minimumNumberOfCalls(5).build());
        f.fail(4);
        f.clock.advance(Duration.ofSeconds(5));
        f.succeed(2);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(6, 4, 0, 0));

        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.breaker.snapshot()).as("the first second left the window")
                .isEqualTo(new WindowSnapshot(2, 0, 0, 0));

        f.fail(2);
        assertThat(f.breaker.state()).as("4 calls are below the minimum").isEqualTo(CircuitState.CLOSED);
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(f.breaker.snapshot().calls()).isEqualTo(2);
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(f.breaker.snapshot().calls()).isZero();
    }

    @Test
    void timeWindowOpensOnFailuresSpreadOverSeveralSeconds() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindowType.TIME_BASED, 10).minimumNumberOfCalls(6).build());
        for (int second = 0; second < 5; second++) {
            f.succeed();
            f.fail();
            f.clock.advance(Duration.ofMillis(1500));
        }

        assertThat(f.breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(f.last().reason()).isEqualTo("failure rate 50.0% >= 50.0% over 6 calls");
    }

    @Test
    void timeWindowCountsSlowCalls() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindowType.TIME_BASED, 60).minimumNumberOfCalls(4)
                .slowCallRateThreshold(75).slowCallDuration(Duration.ofMillis(100)).build());
        long slow = Duration.ofMillis(100).toNanos();
        f.succeed();
        f.call(slow, "ok");
        f.call(slow, "ok");
        assertThat(f.breaker.state()).isEqualTo(CircuitState.CLOSED);

        f.call(slow, "ok");

        assertThat(f.breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(f.last().reason())
                .isEqualTo("slow call rate 75.0% >= 75.0% over 4 calls (calls of 100ms or longer)");
    }
}
