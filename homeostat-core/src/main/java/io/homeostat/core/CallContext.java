package io.homeostat.core;

import java.util.Objects;

/**
 * What the caller is doing, passed with a guarded call: its {@link OperationType}, its
 * {@link Criticality}, and the key under which a cached fallback tier stores and looks up the
 * call's result. The safety policy reads the context before any fallback tier may serve.
 *
 * <p><b>No key</b> is the empty string, never null: {@link #of} makes a context without a key,
 * {@link #hasCacheKey()} tells whether there is one, and {@link #withCacheKey(String)} adds one.
 * A call without a key is never stored in, nor served from, a cache. (A plain {@code String}
 * rather than an {@code Optional}: the guard reads it on every successful call, and this keeps
 * that read free of allocation.)
 *
 * <p>Immutable and thread-safe.
 *
 * @param operationType what the result is used for
 * @param criticality how much depends on the call
 * @param cacheKey the cache key, or the empty string for none
 */
public record CallContext(OperationType operationType, Criticality criticality, String cacheKey) {

    /** An informational call of medium criticality without a cache key: what a call without a context gets. */
    public static final CallContext DEFAULT = of(OperationType.INFORMATIONAL, Criticality.MEDIUM);

    /**
     * Validates the context.
     *
     * @throws NullPointerException if any component is null (use the empty string for no key)
     */
    public CallContext {
        Objects.requireNonNull(operationType, "operationType");
        Objects.requireNonNull(criticality, "criticality");
        Objects.requireNonNull(cacheKey, "cacheKey (use the empty string for no key)");
    }

    /**
     * A context without a cache key.
     *
     * @throws NullPointerException if an argument is null
     */
    public static CallContext of(OperationType operationType, Criticality criticality) {
        return new CallContext(operationType, criticality, "");
    }

    /**
     * This context with {@code key} as its cache key.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is blank (use {@link #of} for no key)
     */
    public CallContext withCacheKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("cache key must not be blank; use CallContext.of(..) for no key");
        }
        return new CallContext(operationType, criticality, key);
    }

    /** Whether the context has a cache key (that is, {@link #cacheKey()} is not empty). */
    public boolean hasCacheKey() {
        return !cacheKey.isEmpty();
    }
}
