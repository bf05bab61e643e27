package io.homeostat.engine.detect;

import io.homeostat.core.signal.Signal;
import java.util.function.Consumer;

/**
 * Turns signals into detections. A detector keeps bounded state per series, reads time only from
 * the signals it is given and from its injected clock, and hands what it finds to a sink instead
 * of returning a list, so a quiet sample allocates nothing.
 *
 * <p>Implementations say whether they are thread-safe; the engine feeds each detector from one
 * thread.
 */
public interface Detector {

    /** A short stable name, e.g. {@code threshold}; it appears in every detection it makes. */
    String name();

    /**
     * Looks at one signal. Signals this detector does not watch are ignored.
     *
     * @param sink receives zero or more detections, on the calling thread, before this returns
     */
    void observe(Signal signal, Consumer<Detection> sink);
}
