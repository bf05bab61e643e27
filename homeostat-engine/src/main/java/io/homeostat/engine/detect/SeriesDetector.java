package io.homeostat.engine.detect;

import io.homeostat.core.signal.Signal;
import io.homeostat.engine.detect.series.SignalSeries;
import java.util.function.Consumer;

/**
 * A {@link Detector} that watches numeric series: it sees each value of each series
 * {@code (service, metric)} that {@link SignalSeries} reads out of a signal. The chain hands it
 * series values directly through {@link #sample}, so a value costs no lookup of its signal type.
 *
 * <p>Implementations say whether they are thread-safe; the engine feeds each detector from one thread.
 */
public interface SeriesDetector extends Detector {

    /**
     * Looks at one value of the series {@code (service, metric)}.
     *
     * @param timeMillis the value's wall time, epoch milliseconds
     * @param sink receives zero or more detections, on the calling thread, before this returns
     */
    void sample(String service, String metric, long timeMillis, double value, Consumer<Detection> sink);

    /** Feeds every series value of {@code signal} to {@link #sample}; other signals are ignored. */
    @Override
    default void observe(Signal signal, Consumer<Detection> sink) {
        SignalSeries.forEach(signal, (service, metric, time, value) -> sample(service, metric, time, value, sink));
    }
}
