package io.homeostat.engine.detect.series;

/**
 * Receives the samples {@link SignalSeries} reads out of a signal, without boxing them into
 * objects, so a detector can look up its per-series state by service and metric and allocate
 * nothing per sample.
 */
@FunctionalInterface
public interface SampleSink {

    /**
     * One value of the series {@code (service, metric)}.
     *
     * @param timeMillis the sample's wall time, epoch milliseconds
     * @param value a finite number
     */
    void accept(String service, String metric, long timeMillis, double value);
}
