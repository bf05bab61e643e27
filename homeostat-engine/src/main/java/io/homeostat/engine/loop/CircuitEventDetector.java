package io.homeostat.engine.loop;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Detector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An event detector for the kernel's breakers: a circuit that opens is a firing
 * {@code availability/circuit_open} detection (high severity, full confidence) on the guard's
 * service; one that closes clears it. Half-open and forced-open transitions (an operator's) are ignored. The signature names the
 * circuit, so {@link io.homeostat.engine.plan.DetectionTriggers} reads it as
 * {@code CIRCUIT_OPEN}. Thread-safe.
 */
public final class CircuitEventDetector implements Detector {

    /** The detector's name in its detections. */
    public static final String NAME = "circuit";

    private final AtomicLong ids = new AtomicLong();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Signal signal, Consumer<Detection> sink) {
        if (!(signal instanceof CircuitTransition t) || (t.to() != CircuitState.OPEN && t.to() != CircuitState.CLOSED)) {
            return;
        }
        boolean open = t.to() == CircuitState.OPEN;
        sink.accept(new Detection("circuit-" + ids.incrementAndGet() + "-" + t.time().toEpochMilli(), NAME,
                Detection.Kind.EVENT, open ? Detection.Status.FIRING : Detection.Status.CLEARED,
                new SeriesKey(t.service(), "circuit"), "availability", "circuit_open", Severity.HIGH, 1.0,
                "circuit of " + t.service() + (open ? " opened: " : " closed: ") + t.reason(),
                Map.of("from", t.from().name(), "to", t.to().name(), "reason", t.reason()), t.time()));
    }
}
