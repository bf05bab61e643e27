package io.homeostat.core.breaker;

import static io.homeostat.core.breaker.CircuitState.CLOSED;
import static io.homeostat.core.breaker.CircuitState.DISABLED;
import static io.homeostat.core.breaker.CircuitState.FORCED_OPEN;
import static io.homeostat.core.breaker.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerOperatorTest {

    private final BreakerFixture f = new BreakerFixture(CircuitBreakerConfig.defaults());

    @Test
    void forceOpenRejectsEverythingUntilReset() {
        f.succeed(3);

        f.breaker.forceOpen("maintenance window");

        assertThat(f.breaker.state()).isEqualTo(FORCED_OPEN);
        assertThat(f.last().reason()).isEqualTo("forced open by operator: maintenance window");
        assertThat(f.last().window()).isEqualTo(new WindowSnapshot(3, 0, 0, 0));
        f.clock.advance(Duration.ofDays(1));
        assertThat(f.succeed()).isFalse();
        assertThat(f.breaker.rejectedCalls()).isEqualTo(1);

        f.breaker.reset("maintenance over");

        assertThat(f.breaker.state()).isEqualTo(CLOSED);
        assertThat(f.last().from()).isEqualTo(FORCED_OPEN);
        assertThat(f.last().reason()).isEqualTo("reset by operator: maintenance over");
        assertThat(f.succeed()).isTrue();
    }

    @Test
    void lastTransitionAtIsWhenItEnteredItsStateForcedOrNot() {
        Instant created = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(3));
        assertThat(f.breaker.lastTransitionAt()).as("never changed state: its creation").isEqualTo(created);

        f.breaker.forceOpen("drill");
        Instant forced = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(f.breaker.lastTransitionAt()).isEqualTo(forced);
        assertThat(f.breaker.exportState().openedAt()).as("openedAt is for OPEN only").isEqualTo(BreakerState.NO_TIME);

        f.breaker.reset("drill over");
        Instant reset = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.breaker.lastTransitionAt()).isEqualTo(reset);

        f.fail(10);
        assertThat(f.breaker.state()).isEqualTo(OPEN);
        assertThat(f.breaker.lastTransitionAt()).isEqualTo(f.breaker.exportState().openedAt());
    }

    @Test
    void disabledAdmitsEverythingAndRecordsNothing() {
        f.breaker.disable("breaker misbehaves");

        f.fail(100);

        assertThat(f.breaker.state()).isEqualTo(DISABLED);
        assertThat(f.last().reason()).isEqualTo("disabled by operator: breaker misbehaves");
        assertThat(f.breaker.snapshot()).isEqualTo(WindowSnapshot.EMPTY);
        assertThat(f.transitions).hasSize(1);
    }

    @Test
    void resetClosesAnOpenBreakerWithAnEmptyWindowAndNoTripHistory() {
        f.fail(10);
        assertThat(f.breaker.state()).isEqualTo(OPEN);

        f.breaker.reset("dependency fixed");

        assertThat(f.breaker.state()).isEqualTo(CLOSED);
        assertThat(f.breaker.snapshot()).isEqualTo(WindowSnapshot.EMPTY);
        assertThat(f.breaker.exportState().consecutiveTrips()).isZero();
        assertThat(f.last().window()).as("evidence is what the open breaker held")
                .isEqualTo(new WindowSnapshot(10, 10, 0, 10));
    }

    @Test
    void everyOperatorActionEmitsATransitionEvenToTheSameState() {
        f.breaker.forceOpen("first");
        f.breaker.forceOpen("second");

        assertThat(f.transitions).extracting(CircuitTransition::from, CircuitTransition::to)
                .containsExactly(tuple(CLOSED, FORCED_OPEN),
                        tuple(FORCED_OPEN, FORCED_OPEN));
        assertThat(f.reasons()).containsExactly("forced open by operator: first", "forced open by operator: second");
    }

    @Test
    void operatorActionsNeedAReason() {
        assertThatThrownBy(() -> f.breaker.forceOpen(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not be blank");
        assertThatThrownBy(() -> f.breaker.disable(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("reason");
        assertThat(f.transitions).isEmpty();
    }

    @Test
    void aListenerThatThrowsIsCountedAndBreaksNothing() {
        ManualClock clock = ManualClock.create();
        List<CircuitTransition> seen = new ArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder("api:billing").clock(clock)
                .config(CircuitBreakerConfig.consecutiveFailures(2))
                .onTransition(t -> {
                    throw new IllegalStateException("listener bug");
                })
                .onTransition(seen::add)
                .build();

        for (int i = 0; i < 2; i++) {
            assertThat(breaker.tryAcquirePermission(clock.monotonicNanos())).isTrue();
            breaker.onError(clock.monotonicNanos(), 1, new RuntimeException("down"));
        }
        breaker.reset("fixed");

        assertThat(breaker.listenerFailures()).isEqualTo(2);
        assertThat(seen).extracting(CircuitTransition::to).containsExactly(OPEN, CLOSED);
        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.tryAcquirePermission(clock.monotonicNanos())).isTrue();
    }

    @Test
    void listenersSeeTheNewStateAlreadyInPlace() {
        ManualClock clock = ManualClock.create();
        List<CircuitState> statesSeen = new ArrayList<>();
        CircuitBreaker[] holder = new CircuitBreaker[1];
        holder[0] = CircuitBreaker.builder("cache").clock(clock).onTransition(t -> statesSeen.add(holder[0].state()))
                .build();

        holder[0].forceOpen("test");

        assertThat(statesSeen).containsExactly(FORCED_OPEN);
    }

    @Test
    void builderRejectsABlankName() {
        assertThatThrownBy(() -> CircuitBreaker.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must not be blank");
        assertThat(CircuitBreaker.ofDefaults("x").config()).isEqualTo(CircuitBreakerConfig.defaults());
    }
}
