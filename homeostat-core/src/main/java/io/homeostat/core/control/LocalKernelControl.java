package io.homeostat.core.control;

import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.degrade.Degradation;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.degrade.FeatureOverride;
import io.homeostat.core.degrade.FeatureToggles;
import io.homeostat.core.degrade.UnknownFeatureException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@link KernelControl} over the kernel objects of this JVM. Thread-safe: its maps are fixed at
 * build time and every target is itself thread-safe.
 */
public final class LocalKernelControl implements KernelControl {

    private final Optional<GuardRegistry> guards;
    private final Optional<Degradation> degradation;
    private final Optional<FeatureToggles> toggles;
    private final Map<String, ProviderRoute> routes;
    private final Map<String, ControlledCache> caches;
    private final Map<String, BooleanSupplier> probes;
    private final Map<String, ControlledPool> pools;
    private final Map<String, Restartable> restartables;
    private final Map<String, ControlledCapacity> capacities;

    private LocalKernelControl(Builder b) {
        this.guards = Optional.ofNullable(b.guards);
        this.degradation = Optional.ofNullable(b.degradation);
        this.toggles = Optional.ofNullable(b.toggles);
        this.routes = Map.copyOf(b.routes);
        this.caches = Map.copyOf(b.caches);
        this.probes = Map.copyOf(b.probes);
        this.pools = Map.copyOf(b.pools);
        this.restartables = Map.copyOf(b.restartables);
        this.capacities = Map.copyOf(b.capacities);
    }

    @Override
    public CircuitState openCircuit(String guard, String reason) {
        CircuitBreaker breaker = breaker(guard);
        CircuitState before = breaker.state();
        breaker.forceOpen(reason);
        return before;
    }

    @Override
    public CircuitState resetCircuit(String guard, String reason) {
        CircuitBreaker breaker = breaker(guard);
        CircuitState before = breaker.state();
        breaker.reset(reason);
        return before;
    }

    @Override
    public Optional<CircuitState> circuitState(String guard) {
        return guards.flatMap(r -> r.find(guard)).flatMap(g -> g.circuitBreaker()).map(CircuitBreaker::state);
    }

    @Override
    public Optional<ProviderRoute> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    @Override
    public boolean probe(String name) {
        BooleanSupplier probe = probes.get(name);
        if (probe == null) {
            throw new UnknownControlTargetException("probe", name);
        }
        return probe.getAsBoolean();
    }

    @Override
    public Optional<ControlledCache> cache(String name) {
        return Optional.ofNullable(caches.get(name));
    }

    @Override
    public Optional<ControlledPool> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    @Override
    public Optional<Restartable> restartable(String name) {
        return Optional.ofNullable(restartables.get(name));
    }

    @Override
    public Optional<ControlledCapacity> capacity(String name) {
        return Optional.ofNullable(capacities.get(name));
    }

    @Override
    public DegradationLevel degradation() {
        return degradation.map(Degradation::level).orElse(DegradationLevel.FULL);
    }

    @Override
    public DegradationLevel setDegradation(DegradationLevel level, String reason) {
        Degradation d = degradation.orElseThrow(() -> new UnknownControlTargetException("degradation", "default"));
        DegradationLevel before = d.level();
        d.set(level, reason);
        return before;
    }

    @Override
    public Optional<Boolean> setFeature(String feature, boolean enabled, String reason) {
        FeatureToggles t = toggles(feature);
        try {
            Optional<Boolean> before = t.override(feature).map(FeatureOverride::enabled);
            if (enabled) {
                t.forceOn(feature, reason);
            } else {
                t.forceOff(feature, reason);
            }
            return before;
        } catch (UnknownFeatureException e) {
            throw new UnknownControlTargetException("feature", feature);
        }
    }

    @Override
    public void clearFeature(String feature, String reason) {
        try {
            toggles(feature).clearOverride(feature, reason);
        } catch (UnknownFeatureException e) {
            throw new UnknownControlTargetException("feature", feature);
        }
    }

    @Override
    public boolean featureEnabled(String feature) {
        try {
            return toggles(feature).isEnabled(feature);
        } catch (UnknownFeatureException e) {
            throw new UnknownControlTargetException("feature", feature);
        }
    }

    private FeatureToggles toggles(String feature) {
        return toggles.orElseThrow(() -> new UnknownControlTargetException("feature", feature));
    }

    private CircuitBreaker breaker(String guard) {
        return guards.flatMap(r -> r.find(guard)).flatMap(g -> g.circuitBreaker())
                .orElseThrow(() -> new UnknownControlTargetException("guard with a circuit breaker", guard));
    }

    /** Builds a {@link LocalKernelControl}; every part is optional. Not thread-safe. */
    public static final class Builder {
        private GuardRegistry guards;
        private Degradation degradation;
        private FeatureToggles toggles;
        private final Map<String, ProviderRoute> routes = new HashMap<>();
        private final Map<String, ControlledCache> caches = new HashMap<>();
        private final Map<String, BooleanSupplier> probes = new HashMap<>();
        private final Map<String, ControlledPool> pools = new HashMap<>();
        private final Map<String, Restartable> restartables = new HashMap<>();
        private final Map<String, ControlledCapacity> capacities = new HashMap<>();

        Builder() {
        }

        /** The guards whose circuits it may open and reset; default none. */
        public Builder guards(GuardRegistry registry) {
            this.guards = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The degradation level it may set; default none (setting one throws). */
        public Builder degradation(Degradation degradation) {
            this.degradation = Objects.requireNonNull(degradation, "degradation");
            return this;
        }

        /** The feature toggles it may override; default none. */
        public Builder toggles(FeatureToggles toggles) {
            this.toggles = Objects.requireNonNull(toggles, "toggles");
            return this;
        }

        /** Adds a route under its own name, replacing one of the same name. */
        public Builder route(ProviderRoute route) {
            routes.put(route.name(), route);
            return this;
        }

        /** Adds a cache under {@code name}. */
        public Builder cache(String name, ControlledCache cache) {
            caches.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /** Adds a probe under {@code name}; it must be quick and must not throw. */
        public Builder probe(String name, BooleanSupplier probe) {
            probes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(probe, "probe"));
            return this;
        }

        /** Adds a connection pool under {@code name}. */
        public Builder pool(String name, ControlledPool pool) {
            pools.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(pool, "pool"));
            return this;
        }

        /** Adds a component that may be restarted gracefully under {@code name}; default none. */
        public Builder restartable(String name, Restartable component) {
            restartables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(component, "component"));
            return this;
        }

        /** Adds a capacity that may be scaled within its bounds under {@code name}; default none. */
        public Builder capacity(String name, ControlledCapacity capacity) {
            capacities.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(capacity, "capacity"));
            return this;
        }

        /** The control. */
        public LocalKernelControl build() {
            return new LocalKernelControl(this);
        }
    }
}
