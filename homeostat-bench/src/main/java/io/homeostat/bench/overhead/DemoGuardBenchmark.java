package io.homeostat.bench.overhead;

import io.homeostat.core.CallContext;
import io.homeostat.core.CheckedSupplier;
import io.homeostat.core.Criticality;
import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.ResultCache;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.triage.GuardSettings;
import io.homeostat.demo.triage.TriageSystem;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cross-check of {@link KernelOverhead}: one successful call through a guard shaped as the
 * demo's, beside the same call made directly. The guards come from a registry publishing to an
 * in-process bus with the demo's settings ({@link GuardSettings}: a timeout, so every call is timed
 * and its deadline watched on the real scheduler, and a breaker). Two shapes, as
 * {@code TriageApp} makes its calls: {@link #withContextAndFallback()} (a new call context with a
 * cache key and {@code execute} with the care locator's fallback: a cache, which keeps every answer,
 * then a static value) and {@link #plain()} (the audit record's {@code call}, no context, no
 * fallback). Overhead per call = score minus {@link #baseline()}; times the demo's rate of each
 * shape gives the kernel's CPU share to compare with the macro figure.
 *
 * <p>What this cannot see: the scheduler thread's work for the timeouts (it runs beside the
 * benchmark thread) and the bus thread's; the macro benchmark counts both, and
 * {@link PacedTimeoutCost} the timeout's alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DemoGuardBenchmark {

    private static final String ANSWER = "{\"answer\":\"care nearby\"}";
    private static final CheckedSupplier<String> PAYLOAD = DemoGuardBenchmark::payload;

    private InProcessSignalBus bus;
    private Guard care;
    private Guard database;
    private Fallback<String> fallback;
    private int key;
    private final String[] keys = new String[20];

    @Setup
    public void setUp() {
        Scheduler scheduler = Scheduler.system();
        bus = InProcessSignalBus.builder().threadName("homeostat-bus").build();
        bus.subscribe(batch -> { });
        GuardRegistry guards = GuardRegistry.builder().clock(scheduler.clock()).scheduler(scheduler).signalBus(bus).build();
        guards.replace(TriageSystem.CARE_LOCATOR, GuardSettings.of(TriageSystem.CARE_LOCATOR));
        guards.replace(TriageSystem.DB_PRIMARY, GuardSettings.of(TriageSystem.DB_PRIMARY));
        care = guards.guard(TriageSystem.CARE_LOCATOR);
        database = guards.guard(TriageSystem.DB_PRIMARY);
        fallback = Fallback.<String>builder(scheduler.clock()).name(TriageSystem.CARE_LOCATOR)
                .cached(ResultCache.inMemory(10_000), Duration.ofHours(1))
                .staticValue("try-again-later", "{\"answer\":\"Care locator unavailable: try again later\"}")
                .guidance("Care locator unavailable: try again later.").build();
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "r" + i;
        }
    }

    @TearDown
    public void tearDown() {
        bus.close();
    }

    private static String payload() {
        Blackhole.consumeCPU(100);
        return ANSWER;
    }

    @Benchmark
    public String baseline() throws Exception {
        return PAYLOAD.get();
    }

    @Benchmark
    public String withContextAndFallback() {
        String region = keys[key++ % keys.length];
        return care.execute(CallContext.of(OperationType.INFORMATIONAL, Criticality.LOW).withCacheKey(region), PAYLOAD,
                fallback).value();
    }

    @Benchmark
    public String plain() {
        return database.call(PAYLOAD);
    }
}
