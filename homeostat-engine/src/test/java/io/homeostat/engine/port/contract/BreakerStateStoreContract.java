package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.BreakerStateStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BreakerStateStore} must do. Extend it with {@link #newStore()} returning an
 * empty store; override {@link #reopen} to show that states outlive a restart, and
 * {@link #closeStore} to release a store.
 */
public abstract class BreakerStateStoreContract extends StoreContract<BreakerStateStore> {

    private static final Instant OPENED = Instant.parse("2026-03-01T10:00:00.123Z");

    private static BreakerState open(String name) {
        return new BreakerState(name, CircuitState.OPEN, new WindowSnapshot(20, 11, 3, 4), 2,
                OPENED, OPENED.plusSeconds(60), "failure rate 55.0% >= 50.0% over 20 calls");
    }

    @Test
    void savedStateLoadsBackWithEveryField() {
        BreakerState state = open("llm:openai");
        store.save(state);

        assertThat(store.load("llm:openai")).contains(state);
        assertThat(store.load("llm:other")).isEmpty();
    }

    @Test
    void saveReplacesTheStateOfTheSameName() {
        store.save(open("db:primary"));
        BreakerState closed = new BreakerState("db:primary", CircuitState.CLOSED, WindowSnapshot.EMPTY, 0,
                BreakerState.NO_TIME, BreakerState.NO_TIME, "success threshold reached");
        store.save(closed);

        assertThat(store.load("db:primary")).contains(closed);
        assertThat(store.all()).containsExactly(closed);
    }

    @Test
    void allIsOrderedByNameAndRemoveForgets() {
        store.save(open("c"));
        store.save(open("a"));
        store.save(open("b"));

        assertThat(store.all()).extracting(BreakerState::name).containsExactly("a", "b", "c");
        assertThat(store.remove("b")).isTrue();
        assertThat(store.remove("b")).isFalse();
        assertThat(store.all()).extracting(BreakerState::name).containsExactly("a", "c");
    }

    @Test
    void anOpenBreakerStaysOpenAcrossARestartUntilItsRetryTime() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().resetTimeout(Duration.ofSeconds(30)).build();
        ManualClock before = ManualClock.at(OPENED);
        CircuitBreaker breaker = CircuitBreaker.builder("llm:openai").config(config).clock(before).build();
        while (breaker.state() == CircuitState.CLOSED) {
            assertThat(breaker.tryAcquirePermission(before.monotonicNanos())).isTrue();
            breaker.onError(before.monotonicNanos(), 1_000, new IOException("connection reset"));
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        store.save(breaker.exportState());

        store = reopen(store);
        // the new process starts 10 s later; its monotonic clock starts at zero
        ManualClock after = ManualClock.at(OPENED.plusSeconds(10));
        CircuitBreaker restarted = CircuitBreaker.builder("llm:openai").config(config).clock(after).build();
        restarted.importState(store.load("llm:openai").orElseThrow());

        assertThat(restarted.state()).isEqualTo(CircuitState.OPEN);
        assertThat(restarted.tryAcquirePermission(after.monotonicNanos())).isFalse();
        after.advance(Duration.ofSeconds(20).minusMillis(1));
        assertThat(restarted.tryAcquirePermission(after.monotonicNanos())).as("1 ms before the retry time").isFalse();
        after.advanceMillis(1);
        assertThat(restarted.tryAcquirePermission(after.monotonicNanos())).isTrue();
        assertThat(restarted.state()).isEqualTo(CircuitState.HALF_OPEN);
    }
}
