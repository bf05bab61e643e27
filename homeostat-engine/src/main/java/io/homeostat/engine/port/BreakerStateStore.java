package io.homeostat.engine.port;

import io.homeostat.core.breaker.BreakerState;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each circuit breaker's last exported {@link BreakerState} by breaker name, so that after
 * a restart a breaker that was open stays open until its retry time (restore it with
 * {@code CircuitBreaker.importState}).
 *
 * <p>Implementations are thread-safe. {@link #save} writes through: when it returns the state is
 * durable. Call it from a transition listener's executor, not from the guarded call's thread.
 */
public interface BreakerStateStore {

    /**
     * Stores {@code state} as the state of {@code state.name()}, replacing the one stored before.
     *
     * @throws NullPointerException if {@code state} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     */
    void save(BreakerState state);

    /**
     * The stored state of the breaker named {@code name}, if any.
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    Optional<BreakerState> load(String name);

    /**
     * Every stored state, ordered by name.
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<BreakerState> all();

    /**
     * Forgets the state of the breaker named {@code name}; returns whether there was one.
     *
     * @throws StoreUnavailableException if the backing store cannot be written
     */
    boolean remove(String name);
}
