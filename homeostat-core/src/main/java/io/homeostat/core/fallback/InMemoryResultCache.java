package io.homeostat.core.fallback;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ResultCache#inMemory(int)}: a write-ordered map under one lock (a lock, not
 * {@code synchronized}, so virtual threads do not pin). Writes move an entry to the young end;
 * reads do not change the order, so eviction is least-recently-written.
 */
final class InMemoryResultCache<T> implements ResultCache<T> {

    private final int maxEntries;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Cached<T>> entries = new LinkedHashMap<>();

    InMemoryResultCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<Cached<T>> get(String key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            return Optional.ofNullable(entries.get(key));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(String key, T value, Instant storedAt) {
        Objects.requireNonNull(key, "key");
        Cached<T> entry = new Cached<>(value, storedAt);
        lock.lock();
        try {
            entries.remove(key);
            entries.put(key, entry);
            if (entries.size() > maxEntries) {
                Map.Entry<String, Cached<T>> eldest = entries.entrySet().iterator().next();
                entries.remove(eldest.getKey());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ResultCache.inMemory[" + size() + "/" + maxEntries + "]";
    }
}
