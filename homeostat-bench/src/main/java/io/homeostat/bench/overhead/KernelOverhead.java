package io.homeostat.bench.overhead;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.triage.TriageSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's CPU overhead at the demo's traffic (issue 8). Starts the demo's triage system (its
 * seven loopback upstreams and the simulated databases, warmed up as the demo warms them) and runs
 * the demo's own {@link io.homeostat.demo.triage.TriageApp} and
 * {@link io.homeostat.demo.triage.Traffic} in rounds that alternate between two modes: with every
 * call through the guards, as the demo makes it, and with the same calls made directly
 * ({@link Mode}). Each round measures the process's CPU time ({@code getProcessCpuTime}) over its
 * length; a pair of rounds (one of each mode, their order alternating from pair to pair) gives one
 * difference, so drift in the machine's load falls on both modes alike. One unmeasured round of
 * each mode warms the JIT first.
 *
 * <p>What "with guards" includes: the guards (the demo's timeouts and breakers), call contexts and
 * tiered fallbacks, the recorders, the signals the guards publish to an in-process bus (whose
 * thread delivers them to a subscriber that only counts them), and the demo's 500 ms sampling of
 * the guards' rates onto that bus. What it leaves out: the control loop behind the bus (detectors,
 * incidents, the store), which the demo runs in the same JVM but which is the healer's cost, not
 * the application's; in distributed mode it runs elsewhere. The upstreams' HTTP servers run in the
 * same process in both modes, so the CPU "without guards" includes them.
 *
 * <p>Run: {@code java -cp homeostat-bench/target/benchmarks.jar io.homeostat.bench.overhead.KernelOverhead
 * [--rounds 5] [--seconds 30] [--warm-up 15] [--settle-ms 2000] [--rate 50] [--fault-round] [--seed 42]
 * [--out results/kernel-overhead.json]}. Bounded: warm-up, plus rounds x 2 x (settle + seconds),
 * plus with {@code --fault-round} a warm-up with the fault and a pair. Prints a table and writes
 * JSON.
 *
 * <p>{@code --only guarded|direct} runs one mode for the whole run instead, in consecutive windows
 * ({@link SoloRun}, {@link SoloOptions}); {@link KernelOverheadPair} runs two such JVMs side by
 * side, which measures without the mode switches' JIT work and with both modes under the same
 * machine conditions in every window.
 */
public final class KernelOverhead {

    private KernelOverhead() {}

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--only")) {
            solo(args);
            return;
        }
        OverheadOptions options = Arguments.parseOrExit("KernelOverhead", OverheadOptions.USAGE + SoloOptions.USAGE,
                OverheadOptions::parse, args);
        OverheadReport report = run(options, System.out);
        System.out.println();
        System.out.print(report.table());
        write(report, options.output());
        System.out.println("results written to " + options.output().toAbsolutePath());
        System.exit(0);
    }

    /** {@code --only MODE}: one mode for the whole run, as a child of {@link KernelOverheadPair} or by hand. */
    private static void solo(String[] args) {
        SoloOptions options = Arguments.parseOrExit("KernelOverhead", SoloOptions.USAGE, SoloOptions::parse, args);
        try {
            SoloRun.run(options, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
            System.exit(0);
        } catch (InterruptedException e) {
            System.err.println("KernelOverhead: stopped: the standard input ended (the parent is gone)");
            System.exit(3);
        } catch (Throwable e) { // the upstreams' threads must not keep a failed child alive
            System.err.println("KernelOverhead: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs every round and returns the figures; prints a line per round to {@code out}. */
    static OverheadReport run(OverheadOptions options, PrintStream out) throws InterruptedException {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Scheduler scheduler = Scheduler.system();
        List<RoundResult> guarded = new ArrayList<>();
        List<RoundResult> direct = new ArrayList<>();
        List<RoundResult> fault = new ArrayList<>();
        try (TriageSystem system = TriageSystem.start(scheduler.clock(), options.seed())) {
            system.warmUp(200);
            TriageRound round = new TriageRound(system, scheduler, options.seed(), options.rate(), options.settle());
            if (options.warmUp().isPositive()) {
                out.println("warming up: " + options.warmUp().toSeconds() + " s with guards, then without");
                round.run(Mode.GUARDED, 0, options.warmUp(), false);
                round.run(Mode.DIRECT, 0, options.warmUp(), false);
            }
            for (int i = 1; i <= options.rounds(); i++) {
                Mode first = i % 2 == 1 ? Mode.GUARDED : Mode.DIRECT;
                for (Mode mode : List.of(first, first == Mode.GUARDED ? Mode.DIRECT : Mode.GUARDED)) {
                    RoundResult result = round.run(mode, i, options.round(), false);
                    (mode == Mode.GUARDED ? guarded : direct).add(result);
                    out.printf(Locale.ROOT, "round %d %-15s %6.2f %% of one core, %,d requests%n", i,
                            mode.label(), result.cores() * 100, result.requests());
                }
            }
            if (options.faultRound()) {
                if (options.warmUp().isPositive()) {
                    // The fallbacks' paths have not run yet: let the JIT see them first.
                    round.run(Mode.GUARDED, 0, options.warmUp(), true);
                }
                for (Mode mode : Mode.values()) {
                    RoundResult result = round.run(mode, options.rounds() + 1, options.round(), true);
                    fault.add(result);
                    out.printf(Locale.ROOT, "fault round %-15s %6.2f %% of one core, %,d requests%n",
                            mode.label(), result.cores() * 100, result.requests());
                }
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new OverheadReport(options, guarded, direct, fault.isEmpty() ? Optional.empty() : Optional.of(fault),
                loadBefore, loadAfter);
    }

    static void write(OverheadReport report, Path file) throws IOException {
        write(report.toMap(), file);
    }

    /** Writes {@code json} to {@code file}, indented, creating its directory. */
    static void write(Map<String, Object> json, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
