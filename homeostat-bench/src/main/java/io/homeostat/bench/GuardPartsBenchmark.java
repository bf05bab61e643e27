package io.homeostat.bench;

import io.homeostat.core.CheckedSupplier;
import io.homeostat.core.Guard;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.record.RecorderConfig;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryBudget;
import io.homeostat.core.time.Clock;
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
 * Where the success path's time goes: the guard with one policy at a time, and the clock reads
 * alone. Not a comparison with peers (see {@link GuardBenchmark}); a map for optimisation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GuardPartsBenchmark {

    private static final CheckedSupplier<Integer> PAYLOAD = Payload::call;

    private final Clock clock = Clock.system();
    private Guard recordingOnly;
    private Guard breakerOnly;
    private Guard retryOnly;
    private Guard retryWithoutBudget;
    private Guard both;
    private Guard bothTimingEveryCall;

    @Setup
    public void setUp() {
        recordingOnly = Guard.builder("bench").build();
        breakerOnly = Guard.builder("bench").circuitBreaker(CircuitBreaker.ofDefaults("bench")).build();
        retryOnly = Guard.builder("bench").retry(Retry.ofDefaults()).build();
        retryWithoutBudget = Guard.builder("bench").retry(Retry.builder().budget(RetryBudget.unlimited()).build()).build();
        both = Guard.builder("bench").circuitBreaker(CircuitBreaker.ofDefaults("bench")).retry(Retry.ofDefaults()).build();
        bothTimingEveryCall = Guard.builder("bench").circuitBreaker(CircuitBreaker.ofDefaults("bench"))
                .retry(Retry.ofDefaults()).recording(RecorderConfig.defaults().withSuccessSampling(1)).build();
    }

    @Benchmark
    public Integer baseline() throws Exception {
        return PAYLOAD.get();
    }

    @Benchmark
    public long clockPair() throws Exception {
        long start = clock.monotonicNanos();
        Integer result = PAYLOAD.get();
        return clock.monotonicNanos() - start + result;
    }

    @Benchmark
    public Integer recordingOnly() {
        return recordingOnly.call(PAYLOAD);
    }

    @Benchmark
    public Integer breakerOnly() {
        return breakerOnly.call(PAYLOAD);
    }

    @Benchmark
    public Integer retryOnly() {
        return retryOnly.call(PAYLOAD);
    }

    @Benchmark
    public Integer retryWithoutBudget() {
        return retryWithoutBudget.call(PAYLOAD);
    }

    @Benchmark
    public Integer breakerAndRetry() {
        return both.call(PAYLOAD);
    }

    /** As {@link #breakerAndRetry()} with every success timed (sampling 1): the cost of the second clock read. */
    @Benchmark
    public Integer breakerAndRetryTimingEveryCall() {
        return bothTimingEveryCall.call(PAYLOAD);
    }
}
