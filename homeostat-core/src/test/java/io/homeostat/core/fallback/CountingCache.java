package io.homeostat.core.fallback;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A result cache that counts reads and writes, for asserting that a cache was never consulted. */
final class CountingCache<T> implements ResultCache<T> {

    private final ResultCache<T> delegate = ResultCache.inMemory(100);
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();

    @Override
    public Optional<Cached<T>> get(String key) {
        gets.incrementAndGet();
        return delegate.get(key);
    }

    @Override
    public void put(String key, T value, Instant storedAt) {
        puts.incrementAndGet();
        delegate.put(key, value, storedAt);
    }

    @Override
    public int size() {
        return delegate.size();
    }
}
