package io.homeostat.core.signal;

import java.util.List;
import java.util.function.Consumer;

/**
 * Carries signals from the application to the control loop. {@link #publish} never blocks the
 * caller: when the bus cannot take a signal it drops it and counts the drop, so nothing is lost
 * silently. Subscribers receive signals in batches, in publish order per publishing thread.
 *
 * <p>Implementations are thread-safe.
 */
public interface SignalBus extends AutoCloseable {

    /** A bus that takes nothing and counts nothing: for guards that report to no one. */
    static SignalBus none() {
        return NoSignalBus.INSTANCE;
    }

    /**
     * Offers a signal without blocking.
     *
     * @return false if the signal was dropped (and counted in {@link #dropped()})
     */
    boolean publish(Signal signal);

    /**
     * Delivers every later signal to {@code subscriber} in batches, on the bus's own thread. A
     * subscriber that throws is counted and keeps its subscription.
     *
     * @return a handle that ends the subscription
     */
    AutoCloseable subscribe(Consumer<List<Signal>> subscriber);

    /** Signals accepted so far. */
    long published();

    /** Signals dropped so far because the bus was full or closed. */
    long dropped();

    /** Delivers what is queued, then stops; later publishes are dropped and counted. */
    @Override
    void close();
}
