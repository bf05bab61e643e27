package io.homeostat.core.breaker;

import static io.homeostat.core.breaker.CircuitState.CLOSED;
import static io.homeostat.core.breaker.CircuitState.HALF_OPEN;
import static io.homeostat.core.breaker.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.CircuitTransition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTransitionsTest {

    private static final CircuitBreakerConfig WINDOW_20 = CircuitBreakerConfig.builder()
            .slidingWindow(SlidingWindowType.COUNT_BASED, 20).minimumNumberOfCalls(20).build();

    @Test
    void opensWhenFailureRateReachesThresholdWithTheEvidence() {
        BreakerFixture f = new BreakerFixture(WINDOW_20);
        f.succeed(8);
        f.fail(11);
        assertThat(f.breaker.state()).isEqualTo(CLOSED);

        f.fail();

        assertThat(f.breaker.state()).isEqualTo(OPEN);
        CircuitTransition t = f.last();
        assertThat(t.service()).isEqualTo("db:primary");
        assertThat(t.from()).isEqualTo(CLOSED);
        assertThat(t.to()).isEqualTo(OPEN);
        assertThat(t.reason()).isEqualTo("failure rate 60.0% >= 50.0% over 20 calls");
        assertThat(t.window()).isEqualTo(new WindowSnapshot(20, 12, 0, 12));
        assertThat(t.time()).isEqualTo(f.clock.instant());
        assertThat(f.breaker.snapshot()).isEqualTo(t.window());
    }

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());
        f.fail(9);

        assertThat(f.breaker.state()).isEqualTo(CLOSED);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(9, 9, 0, 9));

        f.fail();
        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.last().reason()).isEqualTo("failure rate 100.0% >= 50.0% over 10 calls");
    }

    @Test
    void opensWhenSlowCallRateReachesThreshold() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().slowCallRateThreshold(50)
                .slowCallDuration(Duration.ofSeconds(1)).minimumNumberOfCalls(4).build());
        long slow = Duration.ofMillis(1500).toNanos();
        f.succeed(2);
        f.call(slow, "ok");
        assertThat(f.breaker.state()).isEqualTo(CLOSED);

        f.call(slow, "ok");

        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.last().reason())
                .isEqualTo("slow call rate 50.0% >= 50.0% over 4 calls (calls of 1s or longer)");
        assertThat(f.last().window()).isEqualTo(new WindowSnapshot(4, 0, 2, 0));
    }

    @Test
    void consecutiveModeOpensOnlyOnAnUnbrokenRunOfFailures() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.consecutiveFailures(5));
        f.fail(4);
        f.succeed();
        f.fail(4);
        assertThat(f.breaker.state()).isEqualTo(CLOSED);
        assertThat(f.breaker.snapshot().consecutiveFailures()).isEqualTo(4);

        f.fail();

        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.last().reason()).isEqualTo("5 consecutive failures");
    }

    @Test
    void openRejectsAndCountsUntilTheWaitHasElapsed() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());
        f.fail(10);

        f.clock.advance(Duration.ofSeconds(60).minusNanos(1));
        assertThat(f.succeed()).isFalse();
        assertThat(f.succeed()).isFalse();
        assertThat(f.breaker.rejectedCalls()).isEqualTo(2);
        assertThat(f.breaker.state()).isEqualTo(OPEN);

        f.clock.advance(Duration.ofNanos(1));
        assertThat(f.breaker.tryAcquirePermission(f.now())).isTrue();
        assertThat(f.breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(f.last().reason()).isEqualTo("open wait of 60s elapsed");
        assertThat(f.last().from()).isEqualTo(OPEN);
    }

    @Test
    void halfOpenAdmitsExactlyTheTrialsAndClosesWhenAllSucceed() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());
        f.fail(10);
        f.clock.advance(Duration.ofSeconds(60));

        assertThat(f.breaker.tryAcquirePermission(f.now())).isTrue();
        assertThat(f.breaker.tryAcquirePermission(f.now())).isTrue();
        assertThat(f.breaker.tryAcquirePermission(f.now())).isFalse();
        f.breaker.onResult(f.now(), BreakerFixture.FAST, "ok");
        assertThat(f.breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(f.breaker.snapshot()).isEqualTo(new WindowSnapshot(1, 0, 0, 0));
        f.breaker.onResult(f.now(), BreakerFixture.FAST, "ok");

        assertThat(f.breaker.state()).isEqualTo(CLOSED);
        assertThat(f.last().reason()).isEqualTo("2 trial calls succeeded");
        assertThat(f.last().window()).isEqualTo(new WindowSnapshot(2, 0, 0, 0));
        assertThat(f.breaker.snapshot()).isEqualTo(WindowSnapshot.EMPTY);
        assertThat(f.breaker.rejectedCalls()).isEqualTo(1);
    }

    @Test
    void oneTrialFailureReopensAndRestartsTheWait() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().successThreshold(3).build());
        f.fail(10);
        f.clock.advance(Duration.ofSeconds(60));
        assertThat(f.succeed()).isTrue();

        assertThat(f.fail()).isTrue();

        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.last().reason()).isEqualTo("trial call failed in half-open");
        assertThat(f.last().from()).isEqualTo(HALF_OPEN);
        assertThat(f.last().window()).isEqualTo(new WindowSnapshot(2, 1, 0, 1));
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.succeed()).isFalse();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.succeed()).isTrue();
        assertThat(f.breaker.state()).isEqualTo(HALF_OPEN);
    }

    @Test
    void slowTrialReopensWhenTheSlowCallCheckIsOn() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().slowCallRateThreshold(100)
                .slowCallDuration(Duration.ofSeconds(2)).build());
        f.fail(10);
        f.clock.advance(Duration.ofSeconds(60));

        f.call(Duration.ofMillis(2500).toNanos(), "ok");

        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.last().reason()).isEqualTo("trial call slow in half-open: 2500ms >= 2s");
    }

    @Test
    void openWaitGrowsWithEachConsecutiveTripUpToTheCapAndResetsOnClose() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.builder().successThreshold(1)
                .resetTimeout(Duration.ofSeconds(10)).openBackoff(2.0, Duration.ofSeconds(30)).build());
        f.fail(10);
        for (long wait : new long[] {10, 20, 30, 30}) {
            f.clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            assertThat(f.succeed()).as("rejected before %ss", wait).isFalse();
            f.clock.advanceMillis(1);
            assertThat(f.fail()).as("admitted at %ss", wait).isTrue();
            assertThat(f.reasons().get(f.reasons().size() - 2)).isEqualTo("open wait of " + wait + "s elapsed");
        }
        f.clock.advance(Duration.ofSeconds(30));
        assertThat(f.succeed()).isTrue();
        assertThat(f.breaker.state()).isEqualTo(CLOSED);

        f.fail(10);
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(f.succeed()).as("first trip after a close waits resetTimeout again").isTrue();
    }

    @Test
    void nonFailuresAfterTheTripAreIgnoredWhileOpen() {
        BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());
        f.fail(10);
        int transitions = f.transitions.size();

        f.breaker.onResult(f.now(), BreakerFixture.FAST, "late");
        f.breaker.onError(f.now(), BreakerFixture.FAST, new IllegalStateException("late"));
        f.breaker.releasePermission();

        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.transitions).hasSize(transitions);
    }
}
