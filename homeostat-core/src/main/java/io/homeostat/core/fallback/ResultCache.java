package io.homeostat.core.fallback;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link Fallback}'s cached tier keeps the results of successful primary calls, by the
 * {@link io.homeostat.core.CallContext#cacheKey() cache key} of their call. The fallback decides
 * how old a value may be when served; the cache only stores and returns values with the time
 * they were stored.
 *
 * <p>Implementations are thread-safe. {@link #inMemory(int)} is the built-in one; an external
 * store may implement this interface (its failures are caught by the fallback: a failing
 * {@code get} moves on to the next tier, a failing {@code put} is counted and never fails the
 * call).
 *
 * @param <T> the result type
 */
public interface ResultCache<T> {

    /**
     * A bounded, thread-safe cache in memory that, when full, evicts the entry written least
     * recently.
     *
     * @param maxEntries the most entries it holds
     * @throws IllegalArgumentException if {@code maxEntries} is less than 1
     */
    static <T> ResultCache<T> inMemory(int maxEntries) {
        return new InMemoryResultCache<>(maxEntries);
    }

    /**
     * The value last stored under {@code key}, if any.
     *
     * @throws NullPointerException if {@code key} is null
     */
    Optional<Cached<T>> get(String key);

    /**
     * Stores {@code value} under {@code key}, replacing any earlier value.
     *
     * @param storedAt when the value was produced, by the fallback's clock
     * @throws NullPointerException if an argument is null
     */
    void put(String key, T value, Instant storedAt);

    /** How many entries the cache holds now. */
    int size();

    /**
     * A stored value and when it was stored.
     *
     * @param value the value, never null
     * @param storedAt when it was stored
     * @param <T> the result type
     */
    record Cached<T>(T value, Instant storedAt) {

        /**
         * Validates the entry.
         *
         * @throws NullPointerException if an argument is null
         */
        public Cached {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(storedAt, "storedAt");
        }
    }
}
