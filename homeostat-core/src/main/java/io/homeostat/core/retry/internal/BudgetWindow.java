package io.homeostat.core.retry.internal;

import io.homeostat.core.retry.RetryBudget;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The counters of a {@link RetryBudget}: calls and retries per tenth of the window, each slot
 * a {@code long} holding the slot's time bucket (high 36 bits) and its count (low 28 bits), so
 * that moving a slot to a new bucket and counting in it are one compare-and-set and no count is
 * ever reset under a concurrent increment.
 *
 * <p>Calls are counted in stripes (chosen by thread, moving on contention) so that
 * {@link #onCall} is no single hot compare-and-set. A retry is counted first and checked after,
 * and taken back if the budget refuses it; so every granted retry saw all grants before it and
 * grants never exceed the budget, at the price of rare spurious refusals under contention.
 *
 * <p>Thread-safe, lock-free, allocation-free.
 */
final class BudgetWindow {

    static final int BUCKETS = 10;
    private static final int COUNT_BITS = 28;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long BUCKET_MASK = (1L << (64 - COUNT_BITS)) - 1;
    /** Longs between the slots of two stripes, so their hot slots never share a cache line. */
    private static final int STRIDE = BUCKETS + 16;
    private static final int MAX_STRIPES = 16;

    private final long bucketNanos;
    private final double ratio;
    private final long reserve;
    private final int stripeMask;
    private final AtomicLongArray calls;
    private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);
    /**
     * The time bucket of a recent call, so most calls need no division. Any value is safe:
     * {@link #epochOf} checks it against the time before using it.
     */
    private volatile long recentEpoch;

    BudgetWindow(RetryBudget budget, int processors) {
        this.bucketNanos = budget.window().toNanos() / BUCKETS;
        this.ratio = budget.ratio();
        this.reserve = budget.reserve();
        int stripes = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, processors * 2 - 1)) << 1);
        this.stripeMask = stripes - 1;
        this.calls = new AtomicLongArray(stripes * STRIDE);
    }

    /** Counts one call at {@code nowNanos}. */
    void onCall(long nowNanos) {
        long epoch = epochOf(nowNanos);
        long bucket = epoch & BUCKET_MASK;
        int slot = slotOf(epoch);
        int stripe = stripeOf(Thread.currentThread().threadId());
        for (int probe = 0; ; probe++) {
            int index = ((stripe + probe) & stripeMask) * STRIDE + slot;
            long current = calls.get(index);
            long next = incremented(current, bucket);
            if (next == current || calls.compareAndSet(index, current, next)) {
                return;
            }
        }
    }

    /** Takes one retry from the budget at {@code nowNanos}, if the budget allows it. */
    boolean tryAcquireRetry(long nowNanos) {
        long epoch = epochOf(nowNanos);
        long bucket = epoch & BUCKET_MASK;
        int slot = slotOf(epoch);
        long current;
        long next;
        do {
            current = retries.get(slot);
            next = incremented(current, bucket);
            if (next == current) {
                return false; // saturated, or the slot is already a newer bucket: refuse
            }
        } while (!retries.compareAndSet(slot, current, next));

        long byRatio = (long) Math.floor(ratio * callsInWindow(bucket) + 1e-9); // a huge ratio saturates
        long allowed = byRatio > Long.MAX_VALUE - reserve ? Long.MAX_VALUE : byRatio + reserve;
        if (retriesInWindow(bucket) <= allowed) {
            return true;
        }
        takeBack(slot, bucket);
        return false;
    }

    /** Calls counted in the window ending in {@code bucket}. */
    long callsInWindow(long bucket) {
        long sum = 0;
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            for (int slot = 0; slot < BUCKETS; slot++) {
                long value = calls.get(stripe * STRIDE + slot);
                if (age(value, bucket) < BUCKETS) {
                    sum += value & COUNT_MASK;
                }
            }
        }
        return sum;
    }

    /** Retries granted in the window ending in {@code bucket}, and any of later buckets. */
    private long retriesInWindow(long bucket) {
        long sum = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            long value = retries.get(slot);
            long age = age(value, bucket);
            if (age < BUCKETS || age > BUCKET_MASK / 2) {
                sum += value & COUNT_MASK;
            }
        }
        return sum;
    }

    private void takeBack(int slot, long bucket) {
        long current = retries.get(slot);
        while ((current >>> COUNT_BITS) == bucket && (current & COUNT_MASK) > 0) {
            long witness = retries.compareAndExchange(slot, current, current - 1);
            if (witness == current) {
                return;
            }
            current = witness;
        } // else the slot moved on to a newer bucket, and the count went with it
    }

    /**
     * {@code current} with one more count in {@code bucket}; {@code current} itself when it
     * cannot take one (saturated, or it already holds a newer bucket than the caller's time).
     */
    private static long incremented(long current, long bucket) {
        if ((current & COUNT_MASK) == 0) {
            return (bucket << COUNT_BITS) | 1; // an empty slot is free whatever its bucket
        }
        long age = age(current, bucket);
        if (age == 0) {
            return (current & COUNT_MASK) == COUNT_MASK ? current : current + 1;
        }
        return age > BUCKET_MASK / 2 ? current : (bucket << COUNT_BITS) | 1;
    }

    /** How many buckets {@code value}'s bucket lies before {@code bucket}, modulo the tag width. */
    private static long age(long value, long bucket) {
        return (bucket - (value >>> COUNT_BITS)) & BUCKET_MASK;
    }

    /** {@code floorDiv(nowNanos, bucketNanos)}, dividing only when the bucket changed. */
    private long epochOf(long nowNanos) {
        long recent = recentEpoch;
        long sinceStart = nowNanos - recent * bucketNanos;
        if (sinceStart >= 0 && sinceStart < bucketNanos) {
            return recent;
        }
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        recentEpoch = epoch;
        return epoch;
    }

    private static int slotOf(long epoch) {
        return (int) Math.floorMod(epoch, (long) BUCKETS);
    }

    /** The low bits of the thread id: threads created one after another take different stripes. */
    private int stripeOf(long threadId) {
        return (int) threadId & stripeMask;
    }
}
