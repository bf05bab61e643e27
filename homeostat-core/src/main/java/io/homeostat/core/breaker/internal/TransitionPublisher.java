package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Hands transitions to the listeners, on the calling thread, in the order they were added. A
 * listener that throws is counted and skipped; the others still run. Thread-safe.
 */
final class TransitionPublisher {

    private final String name;
    private final Clock clock;
    private final List<Consumer<CircuitTransition>> listeners;
    private final LongAdder failures = new LongAdder();

    TransitionPublisher(String name, Clock clock, List<Consumer<CircuitTransition>> listeners) {
        this.name = name;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    void publish(CircuitState from, CircuitState to, String reason, WindowSnapshot window) {
        if (listeners.isEmpty()) {
            return;
        }
        CircuitTransition transition = new CircuitTransition(name, from, to, reason, window, clock.instant(), Map.of());
        for (Consumer<CircuitTransition> listener : listeners) {
            try {
                listener.accept(transition);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable thrown) {
                failures.increment();
            }
        }
    }

    long failures() {
        return failures.sum();
    }
}
