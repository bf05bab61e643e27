/**
 * MONITOR stage, input side: from signals to per-series samples. {@link
 * io.homeostat.engine.detect.series.SignalSeries} reads the numeric series out of a signal
 * (a {@code MetricSample}, the numeric details of a {@code HealthReport}); {@link
 * io.homeostat.engine.detect.series.OperationSampler} turns each guard's recorder into metric
 * samples (call rate, error rate, latency percentiles) every period, because guards publish
 * outcome signals only for calls that did not simply succeed.
 */
package io.homeostat.engine.detect.series;
