package io.homeostat.core.bulkhead.internal;

import io.homeostat.core.bulkhead.AdaptiveLimitConfig;
import io.homeostat.core.bulkhead.Bulkhead;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An adaptive limit moved by AIMD, as {@link AdaptiveLimitConfig} describes. The limit and the
 * count of good calls in the current window share one {@code long} swapped by compare-and-set,
 * so a window's growth and a shrink never interleave. Thread-safe, lock-free, allocation-free.
 */
public final class AimdBulkhead implements Bulkhead {

    private static final long LOW = 0xFFFF_FFFFL;

    private final String name;
    private final int minLimit;
    private final int maxLimit;
    private final long latencyTargetNanos;
    private final double decreaseFactor;
    private final Slots slots;
    /** limit in the high 32 bits, good calls of the current window in the low 32 bits. */
    private final AtomicLong state;

    private AimdBulkhead(String name, AdaptiveLimitConfig config) {
        this.name = name;
        this.minLimit = config.minLimit();
        this.maxLimit = config.maxLimit();
        this.latencyTargetNanos = config.latencyTarget().toNanos();
        this.decreaseFactor = config.decreaseFactor();
        this.slots = new Slots(name);
        this.state = new AtomicLong(pack(config.initialLimit(), 0));
    }

    /** @throws NullPointerException if an argument is null */
    public static AimdBulkhead create(String name, AdaptiveLimitConfig config) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        return new AimdBulkhead(name, config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tryAcquire() {
        return slots.tryTake(limit());
    }

    /** @throws IllegalStateException if no slot is taken */
    @Override
    public void release(long latencyNanos, boolean overloaded) {
        int inFlightBefore = slots.give();
        if (overloaded || latencyNanos > latencyTargetNanos) {
            decrease();
        } else {
            countGoodCall(inFlightBefore);
        }
    }

    private void decrease() {
        long current = state.get();
        while (true) {
            int limit = limitOf(current);
            int shrunk = Math.max(minLimit, Math.min(limit - 1, (int) (limit * decreaseFactor)));
            long next = pack(shrunk, 0);
            long witness = state.compareAndExchange(current, next);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    private void countGoodCall(int inFlightBefore) {
        long current = state.get();
        while (true) {
            int limit = limitOf(current);
            if (limit >= maxLimit || inFlightBefore * 2 < limit) {
                return; // at the ceiling, or the limit is not what holds calls back: no evidence
            }
            int good = goodOf(current) + 1;
            long next = good >= limit ? pack(limit + 1, 0) : pack(limit, good);
            long witness = state.compareAndExchange(current, next);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    @Override
    public int inFlight() {
        return slots.taken();
    }

    @Override
    public int limit() {
        return limitOf(state.get());
    }

    @Override
    public String toString() {
        return "AimdBulkhead[" + name + ", " + inFlight() + "/" + limit() + "]";
    }

    private static long pack(int limit, int good) {
        return ((long) limit << 32) | (good & LOW);
    }

    private static int limitOf(long state) {
        return (int) (state >>> 32);
    }

    private static int goodOf(long state) {
        return (int) (state & LOW);
    }
}
