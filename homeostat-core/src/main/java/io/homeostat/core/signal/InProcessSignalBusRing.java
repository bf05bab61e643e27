package io.homeostat.core.signal;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bus's queue: a bounded, lock-free ring for many producers and one consumer, holding at
 * most {@code capacity} signals (any positive number: the array is the next power of two, the
 * bound is exact).
 *
 * <p>A producer claims a sequence number by compare-and-set on {@link #producerIndex} after
 * checking there is room, then stores the signal with release semantics. The consumer reads the
 * slot with acquire semantics, clears it, then publishes its own index, so a producer that sees
 * room also sees the cleared slot. A claimed slot may still be empty for a moment (the producer
 * is between its claim and its store); the consumer then stops and comes back.
 *
 * <p>{@link #close()} sets a flag bit in the producer index with the same compare-and-set, so
 * after it returns no producer can claim a slot and the index says exactly how many were
 * accepted: the consumer can drain to that number and know it has everything.
 */
final class InProcessSignalBusRing {

    private static final long CLOSED = 1L << 62;

    private final AtomicReferenceArray<Signal> slots;
    private final int mask;
    private final long capacity;
    private final AtomicLong producerIndex = new AtomicLong();
    private final AtomicLong consumerIndex = new AtomicLong();

    InProcessSignalBusRing(int capacity) {
        int length = Integer.highestOneBit(capacity);
        if (length < capacity) {
            length <<= 1;
        }
        this.slots = new AtomicReferenceArray<>(length);
        this.mask = length - 1;
        this.capacity = capacity;
    }

    /** Appends without blocking; false if full or closed. */
    boolean offer(Signal signal) {
        long claimed;
        do {
            claimed = producerIndex.get();
            if ((claimed & CLOSED) != 0 || claimed - consumerIndex.get() >= capacity) {
                return false;
            }
        } while (!producerIndex.compareAndSet(claimed, claimed + 1));
        slots.setRelease((int) (claimed & mask), signal);
        return true;
    }

    /**
     * Appends all of {@code signals} in order, or none of them, without blocking: room for all is
     * claimed with one compare-and-set. False if there is not room for all of them, or if closed.
     */
    boolean offerAll(List<? extends Signal> signals) {
        int count = signals.size();
        long claimed;
        do {
            claimed = producerIndex.get();
            if ((claimed & CLOSED) != 0 || claimed - consumerIndex.get() > capacity - count) {
                return false;
            }
        } while (!producerIndex.compareAndSet(claimed, claimed + count));
        long next = claimed;
        for (Signal signal : signals) {
            slots.setRelease((int) (next++ & mask), signal);
        }
        return true;
    }

    /**
     * Takes the oldest signal, or null if there is none yet. Consumer thread only.
     *
     * @return null when empty or when the next claimed slot is not written yet
     */
    Signal poll() {
        long next = consumerIndex.getPlain();
        int slot = (int) (next & mask);
        Signal signal = slots.getAcquire(slot);
        if (signal == null) {
            return null;
        }
        slots.setPlain(slot, null);
        consumerIndex.setRelease(next + 1);
        return signal;
    }

    /** Signals accepted so far, including those already taken. */
    long accepted() {
        return producerIndex.get() & ~CLOSED;
    }

    /** Signals taken by the consumer so far. */
    long taken() {
        return consumerIndex.get();
    }

    /** True while some accepted signal has not been taken (it may still be being written). */
    boolean hasPending() {
        return taken() < accepted();
    }

    /** Stops all further offers; returns true the first time. */
    boolean close() {
        long current;
        do {
            current = producerIndex.get();
            if ((current & CLOSED) != 0) {
                return false;
            }
        } while (!producerIndex.compareAndSet(current, current | CLOSED));
        return true;
    }

    boolean isClosed() {
        return (producerIndex.get() & CLOSED) != 0;
    }

    int capacity() {
        return (int) capacity;
    }
}
