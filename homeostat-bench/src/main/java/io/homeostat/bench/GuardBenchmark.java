package io.homeostat.bench;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.homeostat.core.CheckedSupplier;
import io.homeostat.core.Guard;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.retry.Retry;
import java.time.Duration;
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
 * Issue 2, benchmark 1: the success path of circuit breaker + retry around a small CPU-bound
 * call, Homeostat beside Resilience4j and Failsafe with the same policies at their defaults. The
 * overhead of each is its score minus {@link #baseline()}. Run with {@code -t 1} and {@code -t 2}.
 *
 * <p>Homeostat's default breaker has no slow-call check, so its guard times one success in 8;
 * {@link #homeostatSlowCallRule()} adds the slow-call check of Resilience4j's defaults (100 % of
 * calls of 60 s or more), which makes the guard time every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GuardBenchmark {

    private static final CheckedSupplier<Integer> PAYLOAD = Payload::call;

    private Guard homeostat;
    private Guard homeostatSlowCallRule;
    private io.github.resilience4j.core.functions.CheckedSupplier<Integer> resilience4j;
    private FailsafeExecutor<Integer> failsafe;

    @Setup
    public void setUp() {
        homeostat = Guard.builder("bench")
                .caller("bench-app")
                .circuitBreaker(CircuitBreaker.ofDefaults("bench"))
                .retry(Retry.ofDefaults())
                .build();
        homeostatSlowCallRule = Guard.builder("bench")
                .circuitBreaker(CircuitBreaker.builder("bench").config(CircuitBreakerConfig.builder()
                        .slowCallRateThreshold(100).slowCallDuration(Duration.ofSeconds(60)).build()).build())
                .retry(Retry.ofDefaults())
                .build();

        var breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench",
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.ofDefaults());
        var retry = io.github.resilience4j.retry.Retry.ofDefaults("bench");
        io.github.resilience4j.core.functions.CheckedSupplier<Integer> call = Payload::call;
        resilience4j = io.github.resilience4j.retry.Retry.decorateCheckedSupplier(retry,
                io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateCheckedSupplier(breaker, call));

        failsafe = Failsafe.with(
                RetryPolicy.<Integer>builder().withMaxAttempts(3).withDelay(Duration.ofSeconds(1)).build(),
                dev.failsafe.CircuitBreaker.<Integer>ofDefaults());
    }

    @Benchmark
    public Integer baseline() throws Exception {
        return PAYLOAD.get();
    }

    @Benchmark
    public Integer homeostat() {
        return homeostat.call(PAYLOAD);
    }

    @Benchmark
    public Integer homeostatSlowCallRule() {
        return homeostatSlowCallRule.call(PAYLOAD);
    }

    @Benchmark
    public Integer resilience4j() throws Throwable {
        return resilience4j.get();
    }

    @Benchmark
    public Integer failsafe() {
        return failsafe.get(Payload::call);
    }
}
