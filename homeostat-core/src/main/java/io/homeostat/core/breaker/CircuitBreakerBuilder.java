package io.homeostat.core.breaker;

import io.homeostat.core.breaker.internal.LockFreeCircuitBreaker;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds a {@link CircuitBreaker}; from {@link CircuitBreaker#builder(String)}. Not thread-safe.
 */
public final class CircuitBreakerBuilder {

    private final String name;
    private CircuitBreakerConfig config = CircuitBreakerConfig.defaults();
    private Clock clock = Clock.system();
    private final List<Consumer<CircuitTransition>> listeners = new ArrayList<>();

    CircuitBreakerBuilder(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
    }

    /** The configuration. Default {@link CircuitBreakerConfig#defaults()}. */
    public CircuitBreakerBuilder config(CircuitBreakerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    /** The clock for wall times of transitions and monotonic time of snapshots. Default: system. */
    public CircuitBreakerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Adds a listener for transitions; may be called several times. Listeners run on the thread
     * that made the transition, after the state has changed, in the order added. One that throws
     * is caught and counted in {@link CircuitBreaker#listenerFailures()}.
     */
    public CircuitBreakerBuilder onTransition(Consumer<CircuitTransition> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** A new CLOSED breaker. */
    public CircuitBreaker build() {
        return LockFreeCircuitBreaker.create(name, config, clock, List.copyOf(listeners));
    }
}
