package io.homeostat.core.control;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.degrade.DegradationLevel;
import java.time.Duration;
import java.util.Optional;

/**
 * What the engine may do to the kernel of a running service. Every method that changes something
 * takes a reason (it lands in the kernel's own events) and returns what was there before, so the
 * caller can undo it. Implementations are thread-safe.
 *
 * @see #builder()
 */
public interface KernelControl {

    /** A builder of the in-process control over a guard registry, degradation and named routes and caches. */
    static LocalKernelControl.Builder builder() {
        return new LocalKernelControl.Builder();
    }

    /**
     * Forces the guard's circuit open.
     *
     * @return the state before
     * @throws UnknownControlTargetException if there is no such guard or it has no circuit breaker
     */
    CircuitState openCircuit(String guard, String reason);

    /**
     * Resets the guard's circuit to closed with an empty window.
     *
     * @return the state before
     * @throws UnknownControlTargetException if there is no such guard or it has no circuit breaker
     */
    CircuitState resetCircuit(String guard, String reason);

    /** The guard's circuit state; empty if there is no such guard or it has no breaker. */
    Optional<CircuitState> circuitState(String guard);

    /** The route, if registered. */
    Optional<ProviderRoute> route(String name);

    /**
     * Runs the named probe once (a cheap call to the dependency, a health check).
     *
     * @return true if the dependency answered well
     * @throws UnknownControlTargetException if there is no such probe
     */
    boolean probe(String name);

    /** The cache, if registered. */
    Optional<ControlledCache> cache(String name);

    /** The connection pool, if registered. */
    Optional<ControlledPool> pool(String name);

    /** The degradation level now. */
    DegradationLevel degradation();

    /**
     * Sets the degradation level.
     *
     * @return the level before
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws UnknownControlTargetException if no degradation is controlled
     */
    DegradationLevel setDegradation(DegradationLevel level, String reason);

    /**
     * Overrides a feature toggle.
     *
     * @return the override before; empty if there was none
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws UnknownControlTargetException if the feature is not registered
     */
    Optional<Boolean> setFeature(String feature, boolean enabled, String reason);

    /**
     * Removes a feature's override, so its degradation level decides again.
     *
     * @throws IllegalArgumentException if {@code reason} is blank
     * @throws UnknownControlTargetException if the feature is not registered
     */
    void clearFeature(String feature, String reason);

    /**
     * Whether the feature is on now.
     *
     * @throws UnknownControlTargetException if the feature is not registered
     */
    boolean featureEnabled(String feature);

    /**
     * The component registered to be restarted under {@code name}, if any. The default knows none:
     * a control that manages no component restarts nothing.
     */
    default Optional<Restartable> restartable(String name) {
        return Optional.empty();
    }

    /**
     * Restarts the named component gracefully (see {@link Restartable#restart}).
     *
     * @return the component's account of the restart
     * @throws UnknownControlTargetException if no component is registered under {@code name}
     */
    default String restart(String name, Duration drain, String reason) {
        return restartable(name).orElseThrow(() -> new UnknownControlTargetException("restartable component", name))
                .restart(drain, reason);
    }

    /** The capacity registered under {@code name}, if any. The default knows none. */
    default Optional<ControlledCapacity> capacity(String name) {
        return Optional.empty();
    }

    /**
     * Scales the named capacity to {@code size}.
     *
     * @return the size before
     * @throws UnknownControlTargetException if no capacity is registered under {@code name}
     * @throws IllegalArgumentException if {@code size} is outside the capacity's bounds
     */
    default int scale(String name, int size, String reason) {
        ControlledCapacity c = capacity(name).orElseThrow(() -> new UnknownControlTargetException("capacity", name));
        if (size < c.min() || size > c.max()) {
            throw new IllegalArgumentException("capacity " + name + " must stay in [" + c.min() + ", " + c.max()
                    + "], asked " + size);
        }
        int before = c.size();
        if (before != size) {
            c.resize(size);
        }
        return before;
    }
}
