package io.homeostat.core.control;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.degrade.DegradationLevel;
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
     * @throws UnknownControlTargetException if no degradation is controlled
     */
    DegradationLevel setDegradation(DegradationLevel level, String reason);

    /**
     * Overrides a feature toggle.
     *
     * @return the override before; empty if there was none
     * @throws UnknownControlTargetException if the feature is not registered
     */
    Optional<Boolean> setFeature(String feature, boolean enabled, String reason);

    /**
     * Removes a feature's override, so its degradation level decides again.
     *
     * @throws UnknownControlTargetException if the feature is not registered
     */
    void clearFeature(String feature, String reason);

    /**
     * Whether the feature is on now.
     *
     * @throws UnknownControlTargetException if the feature is not registered
     */
    boolean featureEnabled(String feature);
}
