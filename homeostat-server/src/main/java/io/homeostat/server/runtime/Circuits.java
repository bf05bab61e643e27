package io.homeostat.server.runtime;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.Signal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The circuit breakers the server knows: those of the guards in its own {@link GuardRegistry}
 * (which operators can reset and force open) and those remote services reported through
 * {@link CircuitTransition} signals (seen, not commanded). A local breaker hides a reported one
 * of the same name. Thread-safe.
 */
public final class Circuits {

    private final GuardRegistry guards;
    private final Map<String, CircuitTransition> reported = new ConcurrentHashMap<>();

    public Circuits(GuardRegistry guards) {
        this.guards = Objects.requireNonNull(guards, "guards");
    }

    /** Takes the circuit transitions of a batch of signals; other signals are ignored. */
    public void observe(List<Signal> batch) {
        for (Signal signal : batch) {
            if (signal instanceof CircuitTransition transition) {
                reported.merge(transition.service(), transition,
                        (old, now) -> now.time().isBefore(old.time()) ? old : now);
            }
        }
    }

    /** Every known circuit, by name. */
    public List<CircuitView> list() {
        Map<String, CircuitView> byName = new TreeMap<>();
        reported.values().forEach(t -> byName.put(t.service(), remote(t)));
        for (Guard guard : guards.guards()) {
            guard.circuitBreaker().ifPresent(breaker -> byName.put(breaker.name(), local(breaker)));
        }
        return List.copyOf(byName.values());
    }

    /** The circuit named {@code name}, if known. */
    public Optional<CircuitView> find(String name) {
        Optional<CircuitBreaker> breaker = localBreaker(name);
        if (breaker.isPresent()) {
            return breaker.map(Circuits::local);
        }
        return Optional.ofNullable(reported.get(name)).map(Circuits::remote);
    }

    /**
     * Closes the local breaker {@code name} with an empty window.
     *
     * @throws UnknownCircuitException if no circuit has that name
     * @throws RemoteCircuitException if it is only known from a remote service's reports
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public CircuitView reset(String name, String reason) {
        CircuitBreaker breaker = commandable(name);
        breaker.reset(reason);
        return local(breaker);
    }

    /**
     * Opens the local breaker {@code name} until it is reset.
     *
     * @throws UnknownCircuitException if no circuit has that name
     * @throws RemoteCircuitException if it is only known from a remote service's reports
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public CircuitView forceOpen(String name, String reason) {
        CircuitBreaker breaker = commandable(name);
        breaker.forceOpen(reason);
        return local(breaker);
    }

    private CircuitBreaker commandable(String name) {
        Optional<CircuitBreaker> breaker = localBreaker(name);
        if (breaker.isPresent()) {
            return breaker.get();
        }
        if (reported.containsKey(name)) {
            throw new RemoteCircuitException(name);
        }
        throw new UnknownCircuitException(name);
    }

    private Optional<CircuitBreaker> localBreaker(String name) {
        return guards.find(name).flatMap(Guard::circuitBreaker);
    }

    private static CircuitView local(CircuitBreaker breaker) {
        BreakerState state = breaker.exportState();
        WindowSnapshot window = state.window();
        return new CircuitView(state.name(), state.state(), true, window.calls(), window.failures(),
                window.failureRate(), breaker.lastTransitionAt(), state.lastTransitionReason(), state.nextRetryAt());
    }

    private static CircuitView remote(CircuitTransition transition) {
        WindowSnapshot window = transition.window();
        return new CircuitView(transition.service(), transition.to(), false, window.calls(), window.failures(),
                window.failureRate(), transition.time(), transition.reason(), BreakerState.NO_TIME);
    }
}
