package io.homeostat.core.degrade;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Listeners of one event type; a listener that throws is counted and stays subscribed. */
final class Listeners<E> {

    private final CopyOnWriteArrayList<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    AutoCloseable add(Consumer<? super E> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<? super E> wrapper = listener::accept; // a distinct handle per subscription
        listeners.add(wrapper);
        return () -> listeners.remove(wrapper);
    }

    void fire(E event) {
        for (Consumer<? super E> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    long failures() {
        return failures.get();
    }
}
