package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.WindowSnapshot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last N outcomes, as a ring of outcome codes and one packed count of calls, failures and
 * slow calls (21 signed bits each). Recording takes a sequence number, swaps the code in its
 * slot, and adjusts the packed count only when the slot's old code differs: in a steady state
 * (the same outcome over and over) that is one atomic increment and one read, no allocation.
 * A success into a window full of successes is one read and no write at all: whichever slot it
 * would replace holds a success, so the window's content is the same whether or not the ring
 * moves. (Under a race with a failure being written, the failure may then stay in the window
 * for one call longer than in a strict ring; every count stays exact.)
 *
 * <p>Concurrent adjustments may land in any order, so a field can dip below zero for an instant;
 * the signed fields keep the packed arithmetic exact, and a snapshot clamps to [0, size].
 */
final class CountWindow implements Window {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int BITS = 21;
    private static final long[] WEIGHT = new long[8];

    static {
        for (int code = 0; code < WEIGHT.length; code++) {
            WEIGHT[code] = (code & CALL) + ((long) ((code & FAILURE) >> 1) << BITS)
                    + ((long) ((code & SLOW) >> 2) << (2 * BITS));
        }
    }

    private final int[] slots;
    /** {@code ceil(2^64 / size)}: turns the slot index into two multiplications instead of a division. */
    private final long reciprocal;
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong counts = new AtomicLong();
    /** The packed counts of a window full of plain successes: {@code size} calls, nothing else. */
    private final long fullOfSuccesses;

    CountWindow(int size) {
        this.slots = new int[size];
        this.reciprocal = Long.divideUnsigned(-1L, size) + 1;
        this.fullOfSuccesses = WEIGHT[CALL] * size;
    }

    @Override
    public void record(long nowNanos, int code) {
        if (code == CALL && counts.get() == fullOfSuccesses) {
            return; // a success replacing a success: nothing would change
        }
        int index = slot(sequence.getAndIncrement());
        if ((int) SLOTS.getVolatile(slots, index) == code) {
            // The outcome it replaces is the same: nothing moves. A racing writer that laps this
            // slot swaps its own code in and adjusts the counts itself, so they stay exact.
            return;
        }
        int old = (int) SLOTS.getAndSet(slots, index, code);
        if (old != code) {
            counts.getAndAdd(WEIGHT[code] - WEIGHT[old]);
        }
    }

    @Override
    public WindowSnapshot snapshot(long nowNanos, int consecutiveFailures) {
        long packed = counts.get();
        long calls = (packed << (64 - BITS)) >> (64 - BITS);
        long rest = (packed - calls) >> BITS;
        long failures = (rest << (64 - BITS)) >> (64 - BITS);
        long slow = (rest - failures) >> BITS;
        int size = slots.length;
        return new WindowSnapshot(clamp(calls, size), clamp(failures, size), clamp(slow, size), consecutiveFailures);
    }

    @Override
    public void fill(long nowNanos, WindowSnapshot counts) {
        int size = slots.length;
        int calls = Window.scale(counts.calls(), counts.calls(), size);
        int failures = Window.scale(counts.failures(), counts.calls(), size);
        int slow = Window.scale(counts.slowCalls(), counts.calls(), size);
        long packed = 0;
        for (int i = 0; i < calls; i++) {
            int code = Window.code(i < failures, i < slow);
            slots[i] = code;
            packed += WEIGHT[code];
        }
        this.counts.set(packed);
        sequence.set(calls);
    }

    /**
     * The slot of a sequence number: its unsigned value modulo the size (Lemire's fastmod). The
     * sequence wraps after 2^32 calls; at the wrap the ring skips ahead, which moves no count
     * because counts follow the codes in the slots, not the sequence.
     */
    int slot(int sequence) {
        return (int) Math.unsignedMultiplyHigh(reciprocal * Integer.toUnsignedLong(sequence), slots.length);
    }

    private static int clamp(long value, int max) {
        return (int) Math.max(0, Math.min(value, max));
    }
}
