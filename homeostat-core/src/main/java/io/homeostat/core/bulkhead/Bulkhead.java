package io.homeostat.core.bulkhead;

/**
 * Limits how many calls to one dependency run at once, so a slow dependency cannot take every
 * thread of its callers. The {@code Guard} calls {@link #tryAcquire()} and, when it succeeded,
 * {@link #release} once the call ended. Both are allocation-free and never block.
 *
 * <p>Implementations are thread-safe.
 */
public interface Bulkhead {

    /** The bulkhead's name, usually the guard's. */
    String name();

    /** Takes a slot if one is free; never blocks. */
    boolean tryAcquire();

    /**
     * Gives back a slot.
     *
     * @param latencyNanos how long the call held it
     * @param overloaded whether the call showed overload (a timeout or a rejection by the
     *     dependency); an adaptive limit shrinks on it
     */
    void release(long latencyNanos, boolean overloaded);

    /** Calls running now. */
    int inFlight();

    /** The current limit; fixed for a semaphore bulkhead, moving for an adaptive one. */
    int limit();
}
