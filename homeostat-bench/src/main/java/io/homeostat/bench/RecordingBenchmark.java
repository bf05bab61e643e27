package io.homeostat.bench;

import io.homeostat.core.record.OperationRecorder;
import io.homeostat.core.record.RecorderConfig;
import io.homeostat.core.time.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 2, benchmark 3: timing and recording one operation, Homeostat's recorder beside a
 * Micrometer {@code Timer} (default, and with the p50/p95/p99 that the recorder also gives).
 * {@link #homeostat()} times every call, as the Timers do; {@link #homeostatSampled()} records the
 * way a guard does by default: every call counted, one success in 8 timed (the recorder's
 * {@code latencyWeight}), the others read the clock once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RecordingBenchmark {

    private final Clock clock = Clock.system();
    private OperationRecorder recorder;
    private Timer micrometer;
    private Timer micrometerPercentiles;

    @Setup
    public void setUp() {
        recorder = OperationRecorder.create("bench", RecorderConfig.defaults(), clock.monotonicNanos());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        micrometer = Timer.builder("bench").register(registry);
        micrometerPercentiles = Timer.builder("bench.percentiles").publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    @Benchmark
    public Integer baseline() {
        return Payload.call();
    }

    @Benchmark
    public Integer homeostat() {
        long start = clock.monotonicNanos();
        Integer result = Payload.call();
        long end = clock.monotonicNanos();
        recorder.recordSuccess(end, end - start);
        return result;
    }

    @Benchmark
    public Integer homeostatSampled() {
        long start = clock.monotonicNanos();
        Integer result = Payload.call();
        long weight = recorder.latencyWeight(start);
        if (weight == 0) {
            recorder.recordUntimedSuccess(start);
        } else {
            long end = clock.monotonicNanos();
            recorder.recordSampledSuccess(end, end - start, weight);
        }
        return result;
    }

    @Benchmark
    public Integer micrometer() {
        return micrometer.record(Payload::call);
    }

    @Benchmark
    public Integer micrometerWithPercentiles() {
        return micrometerPercentiles.record(Payload::call);
    }
}
