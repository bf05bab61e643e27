package io.homeostat.core.bulkhead.internal;

import io.homeostat.core.bulkhead.Bulkhead;
import java.util.Objects;

/** A fixed limit of concurrent calls. Thread-safe, lock-free, allocation-free. */
public final class SemaphoreBulkhead implements Bulkhead {

    private final String name;
    private final int limit;
    private final Slots slots;

    private SemaphoreBulkhead(String name, int limit) {
        this.name = name;
        this.limit = limit;
        this.slots = new Slots(name);
    }

    /**
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code maxConcurrent} is less than 1
     */
    public static SemaphoreBulkhead create(String name, int maxConcurrent) {
        Objects.requireNonNull(name, "name");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
        }
        return new SemaphoreBulkhead(name, maxConcurrent);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tryAcquire() {
        return slots.tryTake(limit);
    }

    /** @throws IllegalStateException if no slot is taken */
    @Override
    public void release(long latencyNanos, boolean overloaded) {
        slots.give();
    }

    /** A fixed limit ignores latency. */
    @Override
    public boolean usesLatency() {
        return false;
    }

    @Override
    public int inFlight() {
        return slots.taken();
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "SemaphoreBulkhead[" + name + ", " + inFlight() + "/" + limit + "]";
    }
}
