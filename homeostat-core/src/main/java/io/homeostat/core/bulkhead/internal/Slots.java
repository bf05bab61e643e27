package io.homeostat.core.bulkhead.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-flight count of a bulkhead: taken under a limit by compare-and-set, given back with a
 * check against giving back more than was taken. Thread-safe, lock-free, allocation-free.
 */
final class Slots {

    private final String name;
    private final AtomicInteger inFlight = new AtomicInteger();

    Slots(String name) {
        this.name = name;
    }

    /** Takes a slot if fewer than {@code limit} are taken. */
    boolean tryTake(int limit) {
        int current = inFlight.get();
        while (current < limit) {
            int witness = inFlight.compareAndExchange(current, current + 1);
            if (witness == current) {
                return true;
            }
            current = witness;
        }
        return false;
    }

    /**
     * Gives back a slot and returns how many were taken just before.
     *
     * @throws IllegalStateException if no slot is taken: a release without a matching acquire
     */
    int give() {
        int current = inFlight.get();
        while (true) {
            if (current <= 0) {
                throw new IllegalStateException("release without a matching tryAcquire on bulkhead '" + name + "'");
            }
            int witness = inFlight.compareAndExchange(current, current - 1);
            if (witness == current) {
                return current;
            }
            current = witness;
        }
    }

    int taken() {
        return inFlight.get();
    }
}
