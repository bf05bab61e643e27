package io.homeostat.server.runtime;

import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The bus subscriber that hands signals to the store: every failure event (for the failure
 * statistics), and the raw metric samples the {@link RawSampleDownsampler} keeps. Other signals
 * are not stored here. The sinks only queue (the store's batching writer writes on its own
 * thread). Thread-safe if the sinks are.
 */
final class SignalRecorder {

    private final RawSampleDownsampler downsampler;
    private final Consumer<MetricSample> samples;
    private final Consumer<FailureEvent> failures;

    SignalRecorder(RawSampleDownsampler downsampler, Consumer<MetricSample> samples, Consumer<FailureEvent> failures) {
        this.downsampler = Objects.requireNonNull(downsampler, "downsampler");
        this.samples = Objects.requireNonNull(samples, "samples");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    void record(List<Signal> batch) {
        for (Signal signal : batch) {
            if (signal instanceof MetricSample sample) {
                if (downsampler.keep(sample)) {
                    samples.accept(sample);
                }
            } else if (signal instanceof FailureEvent failure) {
                failures.accept(failure);
            }
        }
    }
}
