package io.homeostat.bench;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.homeostat.core.CallContext;
import io.homeostat.core.CheckedSupplier;
import io.homeostat.core.Guard;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.fallback.Fallback;
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
 * Issue 2, benchmark 2: a call against an open circuit answered by a fallback value, Homeostat
 * beside Resilience4j and Failsafe. The payload never runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OpenBreakerBenchmark {

    private static final Integer FALLBACK = -1;
    private static final CheckedSupplier<Integer> PAYLOAD = Payload::call;

    private Guard homeostat;
    private Fallback<Integer> homeostatFallback;
    private io.github.resilience4j.core.functions.CheckedSupplier<Integer> resilience4j;
    private FailsafeExecutor<Integer> failsafe;

    @Setup
    public void setUp() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("bench");
        breaker.forceOpen("benchmark");
        homeostat = Guard.builder("bench").circuitBreaker(breaker).build();
        homeostatFallback = Fallback.<Integer>builder(Clock.system()).staticValue("default", FALLBACK).build();

        var r4jBreaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench", CircuitBreakerConfig.ofDefaults());
        r4jBreaker.transitionToForcedOpenState();
        io.github.resilience4j.core.functions.CheckedSupplier<Integer> call = Payload::call;
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateCheckedSupplier(r4jBreaker, call);

        dev.failsafe.CircuitBreaker<Integer> failsafeBreaker = dev.failsafe.CircuitBreaker.ofDefaults();
        failsafeBreaker.open();
        failsafe = Failsafe.with(dev.failsafe.Fallback.of(FALLBACK), failsafeBreaker);
    }

    @Benchmark
    public Integer homeostat() {
        return homeostat.call(CallContext.DEFAULT, PAYLOAD, homeostatFallback);
    }

    @Benchmark
    public Integer resilience4j() throws Throwable {
        try {
            return resilience4j.get();
        } catch (CallNotPermittedException e) {
            return FALLBACK;
        }
    }

    @Benchmark
    public Integer failsafe() {
        return failsafe.get(Payload::call);
    }
}
