package io.homeostat.engine.port.memory;

import io.homeostat.core.breaker.BreakerState;
import io.homeostat.engine.port.BreakerStateStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BreakerStateStore} in a sorted map, for the engine's tests. Thread-safe. */
public final class InMemoryBreakerStateStore implements BreakerStateStore {

    private final ConcurrentSkipListMap<String, BreakerState> states = new ConcurrentSkipListMap<>();

    @Override
    public void save(BreakerState state) {
        Objects.requireNonNull(state, "state");
        states.put(state.name(), state);
    }

    @Override
    public Optional<BreakerState> load(String name) {
        return Optional.ofNullable(states.get(name));
    }

    @Override
    public List<BreakerState> all() {
        return List.copyOf(states.values());
    }

    @Override
    public boolean remove(String name) {
        return states.remove(name) != null;
    }
}
