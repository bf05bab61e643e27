package io.homeostat.core.bulkhead;

import io.homeostat.core.bulkhead.internal.AimdBulkhead;
import io.homeostat.core.bulkhead.internal.SemaphoreBulkhead;
import io.homeostat.core.bulkhead.internal.VegasBulkhead;
import io.homeostat.core.time.Clock;

/**
 * Limits how many calls to one dependency run at once, so a slow dependency cannot take every
 * thread of its callers. The {@code Guard} calls {@link #tryAcquire()} and, when it succeeded,
 * {@link #release} once the call ended. Both are allocation-free and never block.
 *
 * <p>Implementations are thread-safe.
 */
public interface Bulkhead {

    /** The default limit of {@link #semaphore(String)}. */
    int DEFAULT_MAX_CONCURRENT = 25;

    /**
     * A fixed limit of {@value #DEFAULT_MAX_CONCURRENT} concurrent calls.
     *
     * @throws NullPointerException if {@code name} is null
     */
    static Bulkhead semaphore(String name) {
        return semaphore(name, DEFAULT_MAX_CONCURRENT);
    }

    /**
     * A fixed limit of {@code maxConcurrent} concurrent calls. Lock-free: one compare-and-set per
     * acquire.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code maxConcurrent} is less than 1
     */
    static Bulkhead semaphore(String name, int maxConcurrent) {
        return SemaphoreBulkhead.create(name, maxConcurrent);
    }

    /**
     * A limit that adapts to the dependency with the defaults of {@link AdaptiveLimitConfig}.
     *
     * @throws NullPointerException if {@code name} is null
     */
    static Bulkhead adaptive(String name) {
        return adaptive(name, AdaptiveLimitConfig.ofDefaults());
    }

    /**
     * A limit that adapts to the dependency by AIMD: it grows by one after a window of fast,
     * successful calls that used the limit, and shrinks by {@link AdaptiveLimitConfig#decreaseFactor()}
     * on every overloaded or slow call; see {@link AdaptiveLimitConfig}. Lock-free.
     *
     * @throws NullPointerException if an argument is null
     */
    static Bulkhead adaptive(String name, AdaptiveLimitConfig config) {
        return AimdBulkhead.create(name, config);
    }

    /**
     * A limit that adapts the Vegas way with the defaults of {@link VegasLimitConfig}, on
     * {@code clock} (the guard's).
     *
     * @throws NullPointerException if an argument is null
     */
    static Bulkhead vegas(String name, Clock clock) {
        return vegas(name, VegasLimitConfig.ofDefaults(), clock);
    }

    /**
     * A limit that adapts the Vegas way: from the ratio of the dependency's no-load latency (its
     * fastest recent call at low load) to each call's latency, it estimates how many calls are queueing and
     * grows or shrinks the limit to keep that between {@code alpha} and {@code beta}; see
     * {@link VegasLimitConfig}. Lock-free; reads {@code clock} (the guard's) once per release, to
     * age the no-load latency.
     *
     * @throws NullPointerException if an argument is null
     */
    static Bulkhead vegas(String name, VegasLimitConfig config, Clock clock) {
        return VegasBulkhead.create(name, config, clock);
    }

    /** The bulkhead's name, usually the guard's. */
    String name();

    /** Takes a slot if one is free; never blocks. */
    boolean tryAcquire();

    /**
     * Whether {@link #release} reads its latency (default true). A guard times every call through
     * a bulkhead that does; through one that does not, it may pass a negative latency for an
     * untimed success.
     */
    default boolean usesLatency() {
        return true;
    }

    /**
     * Gives back a slot.
     *
     * @param latencyNanos how long the call held it; negative if the guard did not time it (only
     *     when {@link #usesLatency()} is false)
     * @param overloaded whether the call showed overload (a timeout or a rejection by the
     *     dependency); an adaptive limit shrinks on it
     */
    void release(long latencyNanos, boolean overloaded);

    /** Calls running now. */
    int inFlight();

    /** The current limit; fixed for a semaphore bulkhead, moving for an adaptive one. */
    int limit();
}
