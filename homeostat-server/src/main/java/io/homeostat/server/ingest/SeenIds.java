package io.homeostat.server.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent signal ids, to drop duplicates (a batch resent after a lost answer). Keeps the
 * last {@code capacity} ids in insertion order and forgets the oldest beyond that; ids are kept
 * in memory only, so a resend across a server restart is not recognised. Thread-safe
 * (synchronized: one short critical section per batch).
 */
public final class SeenIds {

    /** The default number of ids remembered. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private final Map<String, Boolean> ids;

    /**
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public SeenIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code id}; true if it was not seen before (the signal should be published). */
    public synchronized boolean firstTime(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return ids.size();
    }
}
