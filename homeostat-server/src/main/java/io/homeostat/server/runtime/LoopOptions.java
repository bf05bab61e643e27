package io.homeostat.server.runtime;

import io.homeostat.core.control.ControlledCache;
import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.ControlledPool;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.control.Restartable;
import io.homeostat.engine.diagnose.DiagnosisStage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What an application embedding the server gives recovery to act on besides the guards, the
 * degradation and the toggles (which the loop owns): provider routes to fail over, caches to
 * clear and warm, probes to re-run, pools to reset, components to restart ({@code restart_process})
 * and capacities to scale ({@code scale}), each by name; how long an incident settles before it
 * is diagnosed, and how often each metric series' raw sample is stored. Immutable; start from
 * {@link #defaults()}.
 *
 * @param routes provider routes, by their names; default none
 * @param caches caches by name; default none
 * @param probes probes by name (quick, never throwing); default none
 * @param pools connection pools by name; default none
 * @param settle how long an incident stays open before diagnosis; default
 *     {@value DiagnosisStage#DEFAULT_SETTLE_SECONDS} s, not negative
 * @param restartables components {@code restart_process} may restart gracefully, by name (the
 *     shipped workflows name the service); default none
 * @param capacities capacities {@code scale} may resize within their bounds, by name (the shipped
 *     workflows name the service); default none
 * @param tuning detectors, workflows and actions added to the shipped ones, incident tracking,
 *     recovery limits and the dependency graph; default {@link LoopTuning#defaults()}
 * @param rawSampleInterval at most one raw sample per series (service and metric) is stored per
 *     this interval of the samples' own time, see {@link RawSampleDownsampler}; zero stores every sample; default
 *     {@link RawSampleDownsampler#DEFAULT_INTERVAL} (1 s), not negative, whole milliseconds
 */
public record LoopOptions(List<ProviderRoute> routes, Map<String, ControlledCache> caches,
        Map<String, BooleanSupplier> probes, Map<String, ControlledPool> pools, Duration settle,
        Map<String, Restartable> restartables, Map<String, ControlledCapacity> capacities, LoopTuning tuning,
        Duration rawSampleInterval) {

    /**
     * Validates and copies the parts.
     *
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if {@code settle} is negative, or {@code rawSampleInterval}
     *     negative or not whole milliseconds
     */
    public LoopOptions {
        routes = List.copyOf(routes);
        caches = Map.copyOf(caches);
        probes = Map.copyOf(probes);
        pools = Map.copyOf(pools);
        restartables = Map.copyOf(restartables);
        capacities = Map.copyOf(capacities);
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(tuning, "tuning");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, was " + settle);
        }
        Objects.requireNonNull(rawSampleInterval, "rawSampleInterval");
        if (rawSampleInterval.isNegative() || rawSampleInterval.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("rawSampleInterval must be whole milliseconds, not negative, was "
                    + rawSampleInterval);
        }
    }

    /** Nothing to act on besides the loop's own parts; 30 s of settling; one raw sample per series per second. */
    public static LoopOptions defaults() {
        return new LoopOptions(List.of(), Map.of(), Map.of(), Map.of(),
                Duration.ofSeconds(DiagnosisStage.DEFAULT_SETTLE_SECONDS), Map.of(), Map.of(),
                LoopTuning.defaults(), RawSampleDownsampler.DEFAULT_INTERVAL);
    }

    /** These options with {@code route} added. */
    public LoopOptions withRoute(ProviderRoute route) {
        Objects.requireNonNull(route, "route");
        List<ProviderRoute> more = new java.util.ArrayList<>(routes);
        more.add(route);
        return new LoopOptions(more, caches, probes, pools, settle, restartables, capacities, tuning,
                rawSampleInterval);
    }

    /** These options with the cache {@code name} added (or replaced). */
    public LoopOptions withCache(String name, ControlledCache cache) {
        return new LoopOptions(routes, plus(caches, name, cache), probes, pools, settle, restartables, capacities,
                tuning, rawSampleInterval);
    }

    /** These options with the probe {@code name} added (or replaced). */
    public LoopOptions withProbe(String name, BooleanSupplier probe) {
        return new LoopOptions(routes, caches, plus(probes, name, probe), pools, settle, restartables, capacities,
                tuning, rawSampleInterval);
    }

    /** These options with the pool {@code name} added (or replaced). */
    public LoopOptions withPool(String name, ControlledPool pool) {
        return new LoopOptions(routes, caches, probes, plus(pools, name, pool), settle, restartables, capacities,
                tuning, rawSampleInterval);
    }

    /** These options with another settle time. */
    public LoopOptions withSettle(Duration settle) {
        return new LoopOptions(routes, caches, probes, pools, settle, restartables, capacities, tuning,
                rawSampleInterval);
    }

    /** These options with the restartable component {@code name} added (or replaced). */
    public LoopOptions withRestartable(String name, Restartable component) {
        return new LoopOptions(routes, caches, probes, pools, settle, plus(restartables, name, component), capacities,
                tuning, rawSampleInterval);
    }

    /** These options with the capacity {@code name} added (or replaced). */
    public LoopOptions withCapacity(String name, ControlledCapacity capacity) {
        return new LoopOptions(routes, caches, probes, pools, settle, restartables, plus(capacities, name, capacity),
                tuning, rawSampleInterval);
    }

    /** These options with another interval for storing raw metric samples (zero: store every sample). */
    public LoopOptions withRawSampleInterval(Duration interval) {
        return new LoopOptions(routes, caches, probes, pools, settle, restartables, capacities, tuning, interval);
    }

    /** These options with other tuning of the loop. */
    public LoopOptions withTuning(LoopTuning tuning) {
        return new LoopOptions(routes, caches, probes, pools, settle, restartables, capacities, tuning,
                rawSampleInterval);
    }

    private static <T> Map<String, T> plus(Map<String, T> map, String name, T value) {
        Map<String, T> more = new HashMap<>(map);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return more;
    }
}
