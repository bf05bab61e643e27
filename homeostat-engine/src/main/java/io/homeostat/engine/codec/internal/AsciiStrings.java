package io.homeostat.engine.codec.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of recently read ASCII byte ranges, so that the few names a stream of signals
 * repeats (services, metrics, tag keys and values) are mostly one {@code String} each rather than
 * one per signal: no allocation for a name found here, and its hash, computed once, serves every
 * map the loop keeps by service or series. (Not always one: threads race, entries are replaced;
 * compare with {@code equals}.) A fixed table of {@value #SLOTS} entries, each replaced by the next range that
 * hashes to its slot; ranges longer than {@value #LONGEST} bytes are not kept.
 *
 * <p>Thread-safe without locks: a slot is read and written as one reference to an immutable
 * entry (its fields final, so a thread that sees the entry sees its bytes), and two threads that
 * race on a slot at worst both make the string.
 */
public final class AsciiStrings {

    private static final int SLOTS = 1024;
    private static final int LONGEST = 64;

    private record Entry(byte[] bytes, String text) {}

    private final Entry[] entries = new Entry[SLOTS];

    /** The text of {@code bytes[from, to)}, which must all be ASCII. */
    public String get(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > LONGEST) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        int slot = slot(bytes, from, to);
        Entry entry = entries[slot];
        if (entry != null && holds(entry.bytes, bytes, from, length)) {
            return entry.text;
        }
        String text = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        entries[slot] = new Entry(Arrays.copyOfRange(bytes, from, to), text);
        return text;
    }

    /** A plain loop: the names compared here are short, too short for {@code Arrays.equals} to pay. */
    private static boolean holds(byte[] kept, byte[] bytes, int from, int length) {
        if (kept.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int slot(byte[] bytes, int from, int to) {
        int hash = to - from;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        hash *= 0x9E3779B9;
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
