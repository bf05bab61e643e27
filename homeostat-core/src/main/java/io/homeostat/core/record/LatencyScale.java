package io.homeostat.core.record;

/**
 * Maps latencies to histogram slots: log-linear, 8 sub-slots per power of two (at most 12.5 %
 * relative error), from 1 µs to about 2.3 min. Shorter latencies share slot 0; longer ones share
 * the last slot. Pure arithmetic, no allocation.
 */
final class LatencyScale {

    /** 2^10 ns ~ 1 µs: everything below lands in slot 0. */
    static final int MIN_EXPONENT = 10;
    /** 2^37 ns ~ 137 s: everything above lands in the last slot. */
    static final int MAX_EXPONENT = 37;
    static final int SUB_BITS = 3;
    static final int SUB_SLOTS = 1 << SUB_BITS;
    static final int SLOTS = (MAX_EXPONENT - MIN_EXPONENT + 1) * SUB_SLOTS;

    private LatencyScale() {}

    static int slot(long nanos) {
        if (nanos < (1L << MIN_EXPONENT)) {
            return 0;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        if (exponent > MAX_EXPONENT) {
            return SLOTS - 1;
        }
        int sub = (int) (nanos >>> (exponent - SUB_BITS)) & (SUB_SLOTS - 1);
        return (exponent - MIN_EXPONENT) * SUB_SLOTS + sub;
    }

    /** The smallest latency that maps to {@code slot}. */
    static long lowerBound(int slot) {
        if (slot == 0) {
            return 0;
        }
        int exponent = slot / SUB_SLOTS + MIN_EXPONENT;
        int sub = slot % SUB_SLOTS;
        return (1L << exponent) + ((long) sub << (exponent - SUB_BITS));
    }

    /** The largest latency that maps to {@code slot} (the last slot reports its lower bound). */
    static long upperBound(int slot) {
        return slot >= SLOTS - 1 ? lowerBound(slot) : lowerBound(slot + 1) - 1;
    }

    /** A representative latency for {@code slot}: the middle of its range. */
    static long midpoint(int slot) {
        return slot == 0 ? (1L << MIN_EXPONENT) / 2 : (lowerBound(slot) + upperBound(slot)) / 2;
    }
}
