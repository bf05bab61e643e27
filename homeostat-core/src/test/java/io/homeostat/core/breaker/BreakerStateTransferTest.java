package io.homeostat.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BreakerStateTransferTest {

    private static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .resetTimeout(Duration.ofSeconds(30)).openBackoff(2.0, Duration.ofMinutes(10)).build();

    private final BreakerFixture source = new BreakerFixture(CONFIG);

    @Test
    void exportsAClosedWindowAndImportsItElsewhere() {
        source.succeed(5);
        source.fail(4);

        BreakerState state = source.breaker.exportState();

        assertThat(state).isEqualTo(new BreakerState("db:primary", CircuitState.CLOSED,
                new WindowSnapshot(9, 4, 0, 4), 0, BreakerState.NO_TIME, BreakerState.NO_TIME, "created"));
        BreakerFixture other = new BreakerFixture(CONFIG);
        other.breaker.importState(state);
        assertThat(other.breaker.exportState()).isEqualTo(state);
        assertThat(other.last().reason()).isEqualTo("state imported: created");
        other.fail();
        assertThat(other.breaker.state()).as("the imported window plus one failure trips")
                .isEqualTo(CircuitState.OPEN);
        assertThat(other.last().window()).isEqualTo(new WindowSnapshot(10, 5, 0, 5));
    }

    @Test
    void openStateCarriesWallTimesAndStaysOpenUntilItsRetryTime() {
        source.fail(10);
        source.clock.advance(Duration.ofSeconds(10));

        BreakerState state = source.breaker.exportState();

        Instant openedAt = source.clock.instant().minusSeconds(10);
        assertThat(state.state()).isEqualTo(CircuitState.OPEN);
        assertThat(state.openedAt()).isEqualTo(openedAt);
        assertThat(state.nextRetryAt()).isEqualTo(openedAt.plusSeconds(30));
        assertThat(state.consecutiveTrips()).isEqualTo(1);
        assertThat(state.lastTransitionReason()).isEqualTo("failure rate 100.0% >= 50.0% over 10 calls");

        // another JVM: same wall time, a monotonic clock that has run for three days
        ManualClock otherClock = ManualClock.at(source.clock.instant().minus(Duration.ofDays(3)));
        otherClock.advance(Duration.ofDays(3));
        CircuitBreaker other = CircuitBreaker.builder("db:primary").config(CONFIG).clock(otherClock).build();
        other.importState(state);

        assertThat(other.state()).isEqualTo(CircuitState.OPEN);
        assertThat(other.exportState()).isEqualTo(state);
        otherClock.advance(Duration.ofSeconds(20).minusMillis(1));
        assertThat(other.tryAcquirePermission(otherClock.monotonicNanos())).isFalse();
        assertThat(other.exportState()).usingRecursiveComparison().ignoringFields("openedAt", "nextRetryAt")
                .isEqualTo(state);
        otherClock.advanceMillis(1);
        assertThat(other.tryAcquirePermission(otherClock.monotonicNanos())).isTrue();
        assertThat(other.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void openStateWhoseRetryTimeHasPassedGoesHalfOpenOnTheNextCall() {
        source.fail(10);
        BreakerState state = source.breaker.exportState();
        BreakerFixture later = new BreakerFixture(CONFIG);
        later.clock.advance(Duration.ofMinutes(5)); // its wall clock is now past the retry time

        later.breaker.importState(state);

        assertThat(later.breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(later.succeed()).isTrue();
        assertThat(later.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void tripCountSurvivesTheRoundTripSoTheNextWaitKeepsGrowing() {
        source.fail(10);
        source.clock.advance(Duration.ofSeconds(30));
        source.fail();
        BreakerState state = source.breaker.exportState();
        assertThat(state.consecutiveTrips()).isEqualTo(2);
        assertThat(Duration.between(state.openedAt(), state.nextRetryAt())).isEqualTo(Duration.ofSeconds(60));

        BreakerFixture other = new BreakerFixture(CONFIG);
        other.clock.advance(Duration.ofSeconds(30)); // same wall time as the source
        other.breaker.importState(state);
        other.clock.advance(Duration.ofSeconds(59));
        assertThat(other.fail()).isFalse();
        other.clock.advance(Duration.ofSeconds(1));
        assertThat(other.fail()).isTrue();

        BreakerState third = other.breaker.exportState();
        assertThat(third.consecutiveTrips()).isEqualTo(3);
        assertThat(Duration.between(third.openedAt(), third.nextRetryAt())).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void forcedOpenAndDisabledStatesRoundTrip() {
        source.breaker.forceOpen("incident 42");
        BreakerFixture other = new BreakerFixture(CONFIG);

        other.breaker.importState(source.breaker.exportState());

        assertThat(other.breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(other.breaker.exportState().lastTransitionReason())
                .isEqualTo("forced open by operator: incident 42");
        assertThat(other.succeed()).isFalse();

        source.breaker.disable("noisy");
        other.breaker.importState(source.breaker.exportState());
        assertThat(other.breaker.state()).isEqualTo(CircuitState.DISABLED);
        assertThat(other.succeed()).isTrue();
    }

    @Test
    void halfOpenStateStartsItsTrialsAfresh() {
        source.fail(10);
        source.clock.advance(Duration.ofSeconds(30));
        assertThat(source.succeed()).isTrue();
        BreakerFixture other = new BreakerFixture(CONFIG);

        other.breaker.importState(source.breaker.exportState());

        assertThat(other.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(other.breaker.tryAcquirePermission(other.now())).isTrue();
        assertThat(other.breaker.tryAcquirePermission(other.now())).isTrue();
        assertThat(other.breaker.tryAcquirePermission(other.now())).isFalse();
    }

    @Test
    void rejectsTheStateOfAnotherBreaker() {
        BreakerState foreign = CircuitBreaker.builder("db:replica").clock(source.clock).build().exportState();

        assertThatThrownBy(() -> source.breaker.importState(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot import the state of breaker 'db:replica' into breaker 'db:primary'");
        assertThat(source.transitions).isEmpty();
    }

    @Test
    void stateRecordRejectsInconsistentData() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> new BreakerState("x", CircuitState.OPEN, WindowSnapshot.EMPTY, 1,
                BreakerState.NO_TIME, t, "r")).hasMessage("an OPEN state needs openedAt and nextRetryAt");
        assertThatThrownBy(() -> new BreakerState("x", CircuitState.OPEN, WindowSnapshot.EMPTY, 1,
                t, t.minusSeconds(1), "r")).hasMessage(
                        "nextRetryAt (2025-12-31T23:59:59Z) must not be before openedAt (2026-01-01T00:00:00Z)");
        assertThatThrownBy(() -> new BreakerState("x", CircuitState.CLOSED, WindowSnapshot.EMPTY, -1,
                BreakerState.NO_TIME, BreakerState.NO_TIME, "r")).hasMessage("consecutiveTrips must not be negative, was -1");
        assertThatThrownBy(() -> new BreakerState(" ", CircuitState.CLOSED, WindowSnapshot.EMPTY, 0,
                BreakerState.NO_TIME, BreakerState.NO_TIME, "r")).hasMessage("name must not be blank");
    }
}
