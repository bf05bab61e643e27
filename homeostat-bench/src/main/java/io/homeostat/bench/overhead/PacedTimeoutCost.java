package io.homeostat.bench.overhead;

import com.sun.management.OperatingSystemMXBean;
import io.homeostat.core.Guard;
import io.homeostat.core.time.Clock;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * What a guard's timeout costs the whole process per call when calls are spread out, as the
 * demo's are: one thread makes calls at a fixed rate and parks between them, so whatever the
 * timeout's bookkeeping costs beside the caller (the timer thread's wakeups) is counted, which a
 * JMH benchmark looping on one thread cannot see. Three kinds of call in alternating rounds, each
 * measured as the process's CPU time per call: the payload called directly, through a guard
 * without a timeout, and through a guard with one (2 s, never reached). The timeout's cost per call
 * is the third minus the second; the pacing's own cost falls on all three.
 *
 * <p>Run: {@code java -cp homeostat-bench/target/benchmarks.jar io.homeostat.bench.overhead.PacedTimeoutCost
 * [--rounds 6] [--seconds 10] [--rate 1000]}. Bounded: rounds x 3 x seconds, plus a warm-up round
 * of each kind.
 */
public final class PacedTimeoutCost {

    static final String USAGE = """
            usage: PacedTimeoutCost [--rounds 6] [--seconds 10] [--rate 1000]
            """;

    /** The kinds of call, in the order each round runs them. */
    enum Kind {
        DIRECT("direct"),
        GUARD("guard, no timeout"),
        TIMEOUT("guard, 2 s timeout");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long sink;

    PacedTimeoutCost() {}

    /** The run's settings. */
    record Settings(int rounds, Duration length, int rate) {

        /** @throws IllegalArgumentException naming the argument if one is unknown or not a positive whole number */
        static Settings parse(String... args) {
            Arguments given = Arguments.parse(Set.of("rounds", "seconds", "rate"), Set.of(), args);
            return new Settings(positive(given, "rounds", 6), Duration.ofSeconds(positive(given, "seconds", 10)),
                    positive(given, "rate", 1000));
        }
    }

    public static void main(String[] args) {
        Settings settings = Arguments.parseOrExit("PacedTimeoutCost", USAGE, Settings::parse, args);
        new PacedTimeoutCost().run(settings, System.out);
    }

    private static int positive(Arguments given, String name, int otherwise) {
        int value = given.integer(name, otherwise);
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive, was " + value);
        }
        return value;
    }

    /** Runs the rounds, prints each and the summary to {@code out}; returns the CPU nanoseconds per call of each round by kind. */
    Map<Kind, List<Double>> run(Settings settings, PrintStream out) {
        int rounds = settings.rounds();
        Duration length = settings.length();
        int rate = settings.rate();
        Guard plain = Guard.builder("paced").build();
        Guard timed = Guard.builder("paced-timeout").timeout(Duration.ofSeconds(2)).build();
        Map<Kind, LongSupplier> calls = new EnumMap<>(Kind.class);
        calls.put(Kind.DIRECT, this::payload);
        calls.put(Kind.GUARD, () -> plain.call(this::payload));
        calls.put(Kind.TIMEOUT, () -> timed.call(this::payload));
        out.printf(Locale.ROOT, "%d calls/s on one thread; %d rounds of %d s per kind, after one of each to warm up%n",
                rate, rounds, length.toSeconds());
        for (Kind kind : Kind.values()) {
            paced(calls.get(kind), length, rate);
        }
        Map<Kind, List<Double>> perCall = new EnumMap<>(Kind.class);
        for (int round = 1; round <= rounds; round++) {
            for (Kind kind : Kind.values()) {
                double nanos = paced(calls.get(kind), length, rate);
                perCall.computeIfAbsent(kind, k -> new ArrayList<>()).add(nanos);
                out.printf(Locale.ROOT, "round %d  %-20s %8.0f ns of CPU per call%n", round, kind.label, nanos);
            }
        }
        out.println();
        for (Kind kind : Kind.values()) {
            Spread spread = Spread.of(perCall.get(kind));
            out.printf(Locale.ROOT, "%-20s %8.0f ns per call (95 %% CI %.0f to %.0f)%n", kind.label, spread.mean(),
                    spread.ciLow(), spread.ciHigh());
        }
        List<Double> timeout = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            timeout.add(perCall.get(Kind.TIMEOUT).get(i) - perCall.get(Kind.GUARD).get(i));
        }
        Spread cost = Spread.of(timeout);
        out.printf(Locale.ROOT, "the timeout, paired by round: %.0f ns per call (95 %% CI %.0f to %.0f)%n",
                cost.mean(), cost.ciLow(), cost.ciHigh());
        return perCall;
    }

    /** Calls {@code call} at {@code rate} for {@code length}; returns the process's CPU nanoseconds per call. */
    private static double paced(LongSupplier call, Duration length, int rate) {
        Clock clock = Clock.system();
        long interval = 1_000_000_000L / rate;
        long calls = length.toNanos() / interval;
        long cpuBefore = OS.getProcessCpuTime();
        long next = clock.monotonicNanos();
        long sum = 0;
        for (long i = 0; i < calls; i++) {
            sum += call.getAsLong();
            next += interval;
            long wait = next - clock.monotonicNanos();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long cpu = OS.getProcessCpuTime() - cpuBefore;
        if (sum == 0) {
            throw new IllegalStateException("the payload never ran"); // also keeps its result alive
        }
        return (double) cpu / calls;
    }

    private long payload() {
        return ++sink;
    }
}
