package io.homeostat.engine.incident;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The tracker's listeners; one that throws is counted and stays subscribed. Thread-safe. */
final class EventListeners {

    private final CopyOnWriteArrayList<Consumer<? super IncidentEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    AutoCloseable add(Consumer<? super IncidentEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<? super IncidentEvent> handle = listener::accept; // distinct per subscription
        listeners.add(handle);
        return () -> listeners.remove(handle);
    }

    void fire(IncidentEvent event) {
        for (Consumer<? super IncidentEvent> listener : listeners) {
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
