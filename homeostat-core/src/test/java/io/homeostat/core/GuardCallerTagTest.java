package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guards name the service they run in on every signal, so the engine can learn who calls whom. */
class GuardCallerTagTest {

    private final ManualClock clock = ManualClock.create();
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final List<Signal> received = new ArrayList<>();

    GuardCallerTagTest() {
        bus.subscribe(received::addAll);
    }

    @Test
    void failureAndOutcomeSignalsCarryTheCaller() {
        Guard guard = Guard.builder("db:primary").clock(clock).signalBus(bus).caller("pharmaguard").build();

        assertThatThrownBy(() -> guard.call(() -> {
            throw new IllegalStateException("connection refused");
        })).isInstanceOf(IllegalStateException.class);
        bus.drain();

        assertThat(guard.caller()).contains("pharmaguard");
        assertThat(received).hasSize(2);
        assertThat(received).hasAtLeastOneElementOfType(FailureEvent.class)
                .hasAtLeastOneElementOfType(OperationOutcome.class);
        assertThat(received).allSatisfy(s -> {
            assertThat(s.service()).isEqualTo("db:primary");
            assertThat(s.tags()).containsExactly(Map.entry(Signal.CALLER_TAG, "pharmaguard"));
        });
    }

    @Test
    void withoutACallerSignalsHaveNoTags() {
        Guard guard = Guard.builder("db:primary").clock(clock).signalBus(bus).build();

        assertThatThrownBy(() -> guard.call(() -> {
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);
        bus.drain();

        assertThat(guard.caller()).isEmpty();
        assertThat(received).isNotEmpty().allSatisfy(s -> assertThat(s.tags()).isEmpty());
    }

    @Test
    void theTagMapIsBuiltOnceNotPerSignal() {
        Guard guard = Guard.builder("db:primary").clock(clock).signalBus(bus).caller("triage").build();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call(() -> {
                throw new IllegalStateException("down");
            })).isInstanceOf(IllegalStateException.class);
        }
        bus.drain();

        assertThat(received).hasSize(4);
        assertThat(received.get(0).tags()).isSameAs(received.get(3).tags());
    }

    @Test
    void rejectsABlankCallerOrTheGuardItself() {
        assertThatThrownBy(() -> Guard.builder("db:primary").caller(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caller of guard 'db:primary'");
        assertThatThrownBy(() -> Guard.builder("db:primary").caller("db:primary"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its own caller");
    }

    @Test
    void registryGuardsAndTheirBreakerTransitionsCarryTheRegistrysCaller() {
        GuardRegistry registry = GuardRegistry.builder().clock(clock).signalBus(bus).caller("triage")
                .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(1)).build())
                .build();
        Guard guard = registry.guard("llm:openai");

        assertThatThrownBy(() -> guard.call(() -> {
            throw new IllegalStateException("503");
        })).isInstanceOf(IllegalStateException.class);
        bus.drain();

        assertThat(received).hasAtLeastOneElementOfType(CircuitTransition.class);
        assertThat(received).allSatisfy(s -> assertThat(s.tags()).containsEntry(Signal.CALLER_TAG, "triage"));
        assertThat(registry.guard("triage").caller()).isEmpty();
    }
}
