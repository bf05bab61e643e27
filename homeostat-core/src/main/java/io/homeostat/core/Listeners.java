package io.homeostat.core;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The listeners of one event type, as every component that publishes events keeps them: a
 * listener that throws is counted and stays subscribed, so one bad listener never stops the
 * others or the publisher. Thread-safe; listeners run on the publishing thread.
 *
 * @param <E> the event type
 */
public final class Listeners<E> {

    private final CopyOnWriteArrayList<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    /**
     * Subscribes {@code listener}; subscribing the same listener twice gives two subscriptions.
     *
     * @return a handle that ends this subscription
     * @throws NullPointerException if {@code listener} is null
     */
    public AutoCloseable add(Consumer<? super E> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<? super E> handle = listener::accept; // a distinct handle per subscription
        listeners.add(handle);
        return () -> listeners.remove(handle);
    }

    /** Hands {@code event} to every listener in subscription order, counting those that throw. */
    public void fire(E event) {
        for (Consumer<? super E> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** Listener calls that threw so far. */
    public long failures() {
        return failures.get();
    }
}
