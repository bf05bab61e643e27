package io.homeostat.server.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent signal ids, to drop duplicates (a batch resent after a lost answer). Remembers
 * at least the last {@code capacity} ids first seen, and at most twice as many: ids are kept in
 * two generations, the current one and the one before, and when the current one holds
 * {@code capacity} ids the next new id starts a new generation and the one before is forgotten
 * whole. (A refused batch that started a generation leaves the one it forgot forgotten, see
 * {@link #recordIfTaken}.) Ids are kept in memory only, so a resend across a server restart is not
 * recognised.
 *
 * <p>Each id is remembered as a 64-bit fingerprint, not as a string, in open-addressing tables
 * (linear probing, at most half full) that grow with use up to the smallest power of two at least
 * twice the capacity: 32 MiB at most for the default million, 16 to 32 bytes an id remembered,
 * where a map of strings held about 150 bytes an id on the heap, a million long-lived objects for
 * the collector to trace. Forgetting a generation at once, rather than the oldest id on every new
 * one, keeps the work for a new id to two probes: nothing is deleted from a table on the way (only
 * the ids of a refused batch are), and no list of ids in arrival order is kept. Two different ids
 * with the same fingerprint would make the second look seen: with two million ids remembered, the
 * chance for a new id is about 1 in 9 trillion (1.1e-13); ids are not secret and a sender who
 * crafted colliding ids would only hide its own signals.
 *
 * <p>Thread-safe (synchronized: one short critical section per id, or per batch of ids).
 */
public final class SeenIds {

    /** The default number of ids remembered at least. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    /** The largest capacity: its two tables take 8 GiB each. */
    public static final int MAX_CAPACITY = 1 << 29;

    /** Marks a free slot of a table; no fingerprint is 0 (see {@link #fingerprint}). */
    private static final long FREE = 0L;
    private static final int FIRST_SLOTS = 2048;

    private final int capacity;
    /** The ids of the current generation. */
    private long[] current;
    private int currentSize;
    /** The ids of the generation before; empty until the first one is full. */
    private long[] previous = new long[0];
    private int previousSize;
    /** Written by {@link #touch} so that its loads are not optimised away; never read. */
    @SuppressWarnings("unused")
    private long touched;

    /**
     * @throws IllegalArgumentException if {@code capacity} is not positive or is more than
     *     {@link #MAX_CAPACITY}
     */
    public SeenIds(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 1 to " + MAX_CAPACITY + ", was " + capacity);
        }
        this.capacity = capacity;
        this.current = new long[Math.min(FIRST_SLOTS, slotsFor(capacity))];
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
     * a generation that was forgotten to make room for them stays forgotten.
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
            touch(fingerprints);
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
                    for (int position : positions) {
                        forget(fingerprints[position]);
                    }
                }
            }
            return taken ? positions : null;
        }
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return currentSize + previousSize;
    }

    /**
     * Reads the slots that recording {@code fingerprints} will probe first, in both generations.
     * At a million ids the tables are far larger than the caches, and each probe in
     * {@link #record} would wait for its miss before the next one starts; these loads do not
     * depend on each other, so the processor overlaps their misses, and the probes then find the
     * lines cached. Holding the lock.
     */
    private void touch(long[] fingerprints) {
        long any = 0;
        int currentMask = current.length - 1;
        int previousMask = previous.length - 1;
        for (long fingerprint : fingerprints) {
            any |= current[(int) fingerprint & currentMask];
            if (previousMask >= 0) {
                any |= previous[(int) fingerprint & previousMask];
            }
        }
        touched = any;
    }

    /** Adds {@code fingerprint} unless remembered; true if it was added. Holding the lock. */
    private boolean record(long fingerprint) {
        int slot = slot(current, fingerprint);
        if (current[slot] == fingerprint
                || (previousSize > 0 && previous[slot(previous, fingerprint)] == fingerprint)) {
            return false;
        }
        if (currentSize == capacity) {
            turn();
            slot = slot(current, fingerprint);
        } else if (2 * (currentSize + 1) > current.length) {
            current = rehash(current, current.length * 2);
            slot = slot(current, fingerprint);
        }
        current[slot] = fingerprint;
        currentSize++;
        return true;
    }

    /**
     * Starts a new generation and forgets the one before the current, reusing its table: clearing
     * it takes 0.6 to 2 ms at the default capacity (16 MiB), once per million new ids.
     */
    private void turn() {
        long[] reused = previous;
        previous = current;
        previousSize = currentSize;
        if (reused.length == current.length) {
            Arrays.fill(reused, FREE);
            current = reused;
        } else {
            current = new long[current.length];
        }
        currentSize = 0;
    }

    /** Takes {@code fingerprint} out of whichever generation holds it, if one does. */
    private void forget(long fingerprint) {
        if (delete(current, fingerprint)) {
            currentSize--;
        } else if (previousSize > 0 && delete(previous, fingerprint)) {
            previousSize--;
        }
    }

    /** The slot of {@code table} holding {@code fingerprint}, or the free slot where it would go. */
    private static int slot(long[] table, long fingerprint) {
        int mask = table.length - 1;
        int slot = (int) fingerprint & mask;
        while (table[slot] != FREE && table[slot] != fingerprint) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Takes {@code fingerprint} out of {@code table}; false if it was not there. */
    private static boolean delete(long[] table, long fingerprint) {
        int mask = table.length - 1;
        int hole = slot(table, fingerprint);
        if (table[hole] != fingerprint) {
            return false;
        }
        // Shift later entries of the run back, so that every remaining fingerprint stays reachable
        // from its home slot without tombstones.
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
        return true;
    }

    private static long[] rehash(long[] table, int slots) {
        long[] grown = new long[slots];
        for (long fingerprint : table) {
            if (fingerprint != FREE) {
                grown[slot(grown, fingerprint)] = fingerprint;
            }
        }
        return grown;
    }

    /** The table size for a full generation: a power of two at least twice {@code capacity}. */
    private static int slotsFor(int capacity) {
        return Integer.highestOneBit(Math.max(capacity, 2) - 1) << 2;
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
