package io.homeostat.server.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent signal ids, to drop duplicates (a batch resent after a lost answer). Keeps the
 * last {@code capacity} ids in the order they were first seen and forgets the oldest beyond that;
 * ids are kept in memory only, so a resend across a server restart is not recognised.
 *
 * <p>Each id is remembered as a 64-bit fingerprint, not as a string: a ring of fingerprints in
 * arrival order and an open-addressing table of the same fingerprints, both growing with use up to
 * the capacity — 24 bytes an id at most (24 MiB for the default million), where a map of strings
 * held about 150 bytes an id on the heap, a million long-lived objects for the collector to trace.
 * Two different ids with the same fingerprint would make the second look seen: with a million ids
 * remembered, the chance for a new id is about 1 in 17 trillion (5.4e-14); ids are not secret and
 * a sender who crafted colliding ids would only hide its own signals.
 *
 * <p>Thread-safe (synchronized: one short critical section per id, or per batch of ids).
 */
public final class SeenIds {

    /** The default number of ids remembered. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    /** Marks a free slot of {@link #table}; no fingerprint is 0 (see {@link #fingerprint}). */
    private static final long FREE = 0L;
    private static final int FIRST_SIZE = 1024;

    private final int capacity;
    /** The fingerprints in arrival order, a ring: the oldest at {@link #head}. */
    private long[] ring;
    private int head;
    private int size;
    /** The same fingerprints, open addressing with linear probing; at most half full. */
    private long[] table;
    private int mask;

    /**
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public SeenIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new long[Math.min(capacity, FIRST_SIZE)];
        this.table = new long[tableSizeFor(ring.length)];
        this.mask = table.length - 1;
    }

    /** Records {@code id}; true if it was not seen before (the signal should be published). */
    public boolean firstTime(String id) {
        long fingerprint = fingerprint(id);
        synchronized (this) {
            return record(fingerprint);
        }
    }

    /**
     * Records the ids of {@code ids} not seen before, in order (an id repeated within them counts
     * once), if {@code take} takes them; all under one lock, so that a concurrent copy of the same
     * batch waits and then finds them seen. {@code take} gets the positions in {@code ids} of the
     * new ids, in order, and runs under the lock: it must be quick (a non-blocking publish). When
     * it returns false the new ids are forgotten again and the next call may offer them anew; only
     * the oldest ids that were forgotten to make room for them stay forgotten.
     *
     * @return the positions of the new ids, or null if {@code take} refused them
     */
    public int[] recordIfTaken(List<String> ids, Predicate<int[]> take) {
        long[] fingerprints = new long[ids.size()];
        int n = 0;
        for (String id : ids) {
            fingerprints[n++] = fingerprint(id);
        }
        int[] fresh = new int[n];
        synchronized (this) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (record(fingerprints[i])) {
                    fresh[count++] = i;
                }
            }
            int[] positions = count == n ? fresh : Arrays.copyOf(fresh, count);
            boolean taken = false;
            try {
                taken = take.test(positions);
            } finally {
                if (!taken) {
                    // The ids just recorded are the newest, at the ring's end: take them off again.
                    for (int i = count - 1; i >= 0; i--) {
                        delete(fingerprints[positions[i]]);
                        size--;
                    }
                }
            }
            return taken ? positions : null;
        }
    }

    /** Adds {@code fingerprint} unless present; true if it was added. Holding the lock. */
    private boolean record(long fingerprint) {
        int slot = slot(fingerprint);
        if (table[slot] == fingerprint) {
            return false;
        }
        if (size == capacity) {
            forgetOldest();
            slot = slot(fingerprint); // the deletion may have moved the free slot
        } else if (size == ring.length) {
            grow();
            slot = slot(fingerprint);
        }
        table[slot] = fingerprint;
        ring[(head + size) % ring.length] = fingerprint;
        size++;
        return true;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return size;
    }

    /** The slot holding {@code fingerprint}, or the free slot where it would go. */
    private int slot(long fingerprint) {
        int slot = (int) fingerprint & mask;
        while (table[slot] != FREE && table[slot] != fingerprint) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void forgetOldest() {
        long oldest = ring[head];
        head = (head + 1) % ring.length;
        size--;
        delete(oldest);
    }

    /** Takes {@code fingerprint} out of the table (not the ring). */
    private void delete(long fingerprint) {
        // Shift later entries of the run back, so that every remaining fingerprint stays reachable
        // from its home slot without tombstones.
        int hole = slot(fingerprint);
        table[hole] = FREE;
        for (int next = (hole + 1) & mask; table[next] != FREE; next = (next + 1) & mask) {
            int home = (int) table[next] & mask;
            boolean movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable) {
                table[hole] = table[next];
                table[next] = FREE;
                hole = next;
            }
        }
    }

    private void grow() {
        long[] grown = new long[(int) Math.min(capacity, (long) ring.length * 2)];
        for (int i = 0; i < size; i++) {
            grown[i] = ring[(head + i) % ring.length];
        }
        ring = grown;
        head = 0;
        table = new long[tableSizeFor(ring.length)];
        mask = table.length - 1;
        for (int i = 0; i < size; i++) {
            table[slot(ring[i])] = ring[i];
        }
    }

    /** A power of two at least twice {@code entries}: the table stays at most half full. */
    private static int tableSizeFor(int entries) {
        return Integer.highestOneBit(Math.max(entries, 2) - 1) << 2;
    }

    /**
     * A 64-bit hash of the id's characters, mixed so that its low bits (the home slot) depend on
     * every character; never 0.
     */
    static long fingerprint(String id) {
        long hash = 0xcbf29ce484222325L ^ id.length();
        for (int i = 0; i < id.length(); i++) {
            hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == FREE ? 1L : hash;
    }
}
