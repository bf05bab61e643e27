package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardRegistryTest {

    private final ManualClock clock = ManualClock.create();
    private final GuardConfig llm = GuardConfig.builder()
            .circuitBreaker(CircuitBreakerConfig.consecutiveFailures(2))
            .retry(RetryConfig.builder().maxAttempts(2).build())
            .timeout(Duration.ofSeconds(30))
            .maxConcurrentCalls(10)
            .build();

    @Test
    void picksTheConfigByExactNameThenPrefixThenDefault() {
        GuardRegistry registry = GuardRegistry.builder().clock(clock).config("llm", llm).build();

        Guard openai = registry.guard("llm:openai");
        Guard db = registry.guard("db:primary");

        assertThat(openai.circuitBreaker()).isPresent();
        assertThat(openai.retry()).isPresent();
        assertThat(openai.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(openai.bulkhead().orElseThrow().limit()).isEqualTo(10);
        assertThat(db.circuitBreaker()).isEmpty();
        assertThat(db.retry()).isEmpty();
        assertThat(registry.guard("llm:openai")).isSameAs(openai);
    }

    @Test
    void namedConfigMustExist() {
        GuardRegistry registry = GuardRegistry.builder().clock(clock).build();

        assertThatThrownBy(() -> registry.guard("x", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no guard config named 'nope'");
    }

    @Test
    void evictsTheLeastRecentlyUsedClosedGuardButNeverAnOpenOne() {
        List<RegistryEvent> events = new ArrayList<>();
        GuardRegistry registry = GuardRegistry.builder().clock(clock).config("llm", llm).maxGuards(2)
                .onEvent(events::add).build();
        Guard open = registry.guard("llm:a");
        open.circuitBreaker().orElseThrow().forceOpen("test");
        clock.advanceMillis(1);
        registry.guard("llm:b");
        clock.advanceMillis(1);

        registry.guard("llm:c");

        assertThat(registry.find("llm:a")).containsSame(open);
        assertThat(registry.find("llm:b")).isEmpty();
        assertThat(registry.find("llm:c")).isPresent();
        assertThat(events).contains(new RegistryEvent.Removed("llm:b", true, clock.instant()));
    }

    @Test
    void refusesToGrowWhenEveryGuardIsOpen() {
        GuardRegistry registry = GuardRegistry.builder().clock(clock).config("llm", llm).maxGuards(1).build();
        registry.guard("llm:a").circuitBreaker().orElseThrow().forceOpen("test");

        assertThatThrownBy(() -> registry.guard("llm:b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every guard's circuit is open or half-open");
    }

    @Test
    void replacingANewNameObeysTheBoundAsLookingItUpDoes() {
        List<RegistryEvent> events = new ArrayList<>();
        GuardRegistry registry = GuardRegistry.builder().clock(clock).config("llm", llm).maxGuards(2)
                .onEvent(events::add).build();
        registry.guard("llm:a").circuitBreaker().orElseThrow().forceOpen("test");
        registry.guard("llm:b").circuitBreaker().orElseThrow().forceOpen("test");
        events.clear();

        assertThatThrownBy(() -> registry.replace("db4", GuardConfig.none()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every guard's circuit is open or half-open");

        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.find("db4")).isEmpty();
        assertThat(events).isEmpty();
        assertThat(registry.replace("llm:a", llm)).as("a guard already there is replaced in place")
                .isSameAs(registry.find("llm:a").orElseThrow());
        assertThat(registry.size()).isEqualTo(2);
    }

    @Test
    void replacingANewNameInAFullRegistryEvictsAClosedGuard() {
        List<RegistryEvent> events = new ArrayList<>();
        GuardRegistry registry = GuardRegistry.builder().clock(clock).config("llm", llm).maxGuards(2)
                .onEvent(events::add).build();
        registry.guard("llm:a").circuitBreaker().orElseThrow().forceOpen("test");
        registry.guard("llm:b");
        events.clear();

        registry.replace("db4", GuardConfig.none());

        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.find("llm:b")).isEmpty();
        assertThat(events).containsExactly(new RegistryEvent.Removed("llm:b", true, clock.instant()),
                new RegistryEvent.Added("db4", "(replaced)", clock.instant()));
    }

    @Test
    void aBadNameIsRefusedForWhatItIsEvenWhenTheRegistryIsFull() {
        GuardRegistry registry = GuardRegistry.builder().clock(clock).config("llm", llm).maxGuards(1).build();
        registry.guard("llm:a").circuitBreaker().orElseThrow().forceOpen("test");

        assertThatThrownBy(() -> registry.guard(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guard name must not be blank");
        assertThatThrownBy(() -> registry.guard(" ", "llm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guard name must not be blank");
        assertThatThrownBy(() -> registry.replace(" ", llm)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guard name must not be blank");
        assertThatThrownBy(() -> registry.guard("x".repeat(Signal.MAX_NAME_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("guard name must be at most");
    }

    @Test
    void nullArgumentsAreNamed() {
        GuardRegistry registry = GuardRegistry.builder().clock(clock).build();

        assertThatThrownBy(() -> registry.guard("x", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("configName");
        assertThatThrownBy(() -> registry.guard(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> registry.replace(null, llm)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> registry.replace("x", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("config");
        assertThatThrownBy(() -> registry.find(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> registry.remove(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }

    @Test
    void publishesAddReplaceRemoveAndSurvivesAThrowingListener() {
        List<RegistryEvent> events = new ArrayList<>();
        GuardRegistry registry = GuardRegistry.builder().clock(clock).onEvent(e -> {
            throw new IllegalStateException("listener bug");
        }).onEvent(events::add).build();

        Guard first = registry.guard("svc");
        Guard second = registry.replace("svc", llm);
        registry.remove("svc");

        assertThat(second).isNotSameAs(first);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Added", "Replaced", "Removed");
        assertThat(registry.listenerFailures()).isEqualTo(3);
        assertThat(registry.size()).isZero();
    }

    @Test
    void breakerTransitionsOfRegistryGuardsReachTheBus() {
        InProcessSignalBus bus = InProcessSignalBus.manual();
        List<Signal> received = new ArrayList<>();
        bus.subscribe(received::addAll);
        GuardRegistry registry = GuardRegistry.builder().clock(clock).signalBus(bus).config("llm", llm).build();
        Guard guard = registry.guard("llm:openai");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call(() -> {
                throw new IllegalStateException("down");
            })).isInstanceOf(RuntimeException.class);
        }
        bus.drain();

        assertThat(guard.circuitBreaker().orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        assertThat(received).filteredOn(CircuitTransition.class::isInstance)
                .singleElement()
                .satisfies(s -> {
                    CircuitTransition t = (CircuitTransition) s;
                    assertThat(t.service()).isEqualTo("llm:openai");
                    assertThat(t.to()).isEqualTo(CircuitState.OPEN);
                    assertThat(t.reason()).contains("consecutive failures");
                });
    }
}
