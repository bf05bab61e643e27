package io.homeostat.bench.overhead;

import io.homeostat.core.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kernel's CPU overhead at the demo's traffic (issue 8), measured by two JVMs side by side:
 * one runs the demo's triage application with its calls through the guards for the whole run,
 * the other the same application calling directly ({@code KernelOverhead --only guarded|direct},
 * {@link SoloRun}), at the same time on the same machine. Both start their traffic at the same
 * wall-clock moment and measure the same windows, so whatever else the machine does falls on
 * both in every window; the difference is taken per window and its spread across windows gives
 * the interval. Neither JVM switches modes, so neither pays the JIT's recompilation at a switch
 * that the alternating rounds of {@link KernelOverhead} pay. Each child starts its own upstreams
 * on ephemeral loopback ports.
 *
 * <p>The sequence: both children start their upstreams and print {@code ready}; the parent then
 * sends both the same start time (0.5 s ahead); each warms up, measures its windows, reports each
 * as a line and exits. If a child fails or is late the parent stops the other and exits with 1,
 * printing the child's error output. Bounded: 2 min for both to be ready, then warm-up plus
 * windows plus 1 min; the children bound themselves too, and stop when the parent's end of their
 * standard input closes.
 *
 * <p>Run: {@code ./homeostat overhead --pair [--windows 15] [--seconds 30] [--warm-up 120]
 * [--rate 50] [--seed 42] [--out results/kernel-overhead-pair.json]}. Prints a table and writes JSON.
 */
public final class KernelOverheadPair {

    /** How long both children may take to start their upstreams. */
    static final Duration READY_WAIT = Duration.ofMinutes(2);

    /** How long after the last window the children may take to report it and exit. */
    static final Duration FINISH_GRACE = Duration.ofMinutes(1);

    /** How far ahead of the moment both are ready the traffic starts, so both read the start line in time. */
    private static final long START_MARGIN_MILLIS = 500;

    private KernelOverheadPair() {}

    public static void main(String[] args) throws Exception {
        PairOptions options = Arguments.parseOrExit("KernelOverheadPair", PairOptions.USAGE, PairOptions::parse, args);
        try {
            PairReport report = run(options, System.out);
            System.out.println();
            System.out.print(report.table());
            KernelOverhead.write(report.toMap(), options.output());
            System.out.println("results written to " + options.output().toAbsolutePath());
            System.exit(0);
        } catch (ChildFailedException e) {
            System.err.println("KernelOverheadPair: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs both children and pairs their windows; prints a line per window and mode to {@code out}.
     *
     * @throws ChildFailedException if a child fails, is late or reports windows that do not pair; both are stopped
     * @throws IOException if a child cannot be started
     */
    static PairReport run(PairOptions options, PrintStream out) throws IOException, InterruptedException {
        WindowOptions settings = options.settings();
        Clock clock = Clock.system();
        double loadBefore = load();
        out.printf(Locale.ROOT, "two JVMs side by side, with guards and without: %d s of warm-up, then %d windows of %d s"
                + " at %d requests/s%n", settings.warmUp().toSeconds(), settings.windows(), settings.window().toSeconds(),
                settings.rate());
        List<ChildJvm> children = new CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> children.forEach(ChildJvm::close), "kernel-overhead-pair-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            for (Mode mode : Mode.values()) {
                children.add(ChildJvm.launch(mode, settings, window -> out.printf(Locale.ROOT,
                        "window %2d  %-15s %6.2f %% of one core, %5.1f requests/s%n", window.index(),
                        window.mode().label(), window.cores() * 100, window.requestRate())));
            }
            long readyBy = clock.monotonicNanos() + READY_WAIT.toNanos();
            for (ChildJvm child : children) {
                await(child, child.ready(), readyBy, clock, "was not ready within " + READY_WAIT.toSeconds() + " s");
            }
            long startAt = clock.wallMillis() + START_MARGIN_MILLIS;
            for (ChildJvm child : children) {
                child.start(startAt);
            }
            out.printf(Locale.ROOT, "both ready (pids %d and %d); traffic from %s, last window ends %s%n",
                    children.get(0).pid(), children.get(1).pid(), Instant.ofEpochMilli(startAt),
                    Instant.ofEpochMilli(startAt + settings.length().toMillis()));
            Duration bound = settings.length().plus(FINISH_GRACE);
            long doneBy = clock.monotonicNanos() + bound.toNanos();
            for (ChildJvm child : firstToExitFirst(children, doneBy, clock)) {
                await(child, child.onExit(), doneBy, clock, "did not finish within " + bound.toSeconds() + " s");
                int code = child.exitCode().orElseThrow();
                if (code != 0) {
                    throw failed(child, "exited with " + code);
                }
                if (child.windows().size() != settings.windows()) {
                    throw failed(child, "reported " + child.windows().size() + " of " + settings.windows() + " windows");
                }
            }
            PairedRounds windows;
            try {
                windows = PairedRounds.byIndex(children.get(0).windows(), children.get(1).windows());
            } catch (IllegalArgumentException e) {
                throw new ChildFailedException(e.getMessage());
            }
            return new PairReport(options, windows, loadBefore, load());
        } finally {
            children.forEach(ChildJvm::close);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    /**
     * The children in the order they exit, so a failure is reported as soon as it happens, not
     * after the other child's whole run; a child still running at {@code doneBy} comes last.
     */
    private static List<ChildJvm> firstToExitFirst(List<ChildJvm> children, long doneBy, Clock clock)
            throws InterruptedException {
        List<ChildJvm> order = new ArrayList<>();
        List<ChildJvm> running = new ArrayList<>(children);
        while (!running.isEmpty()) {
            CompletableFuture<?> any = CompletableFuture.anyOf(running.stream().map(ChildJvm::onExit)
                    .toArray(CompletableFuture[]::new));
            try {
                any.get(Math.max(1, doneBy - clock.monotonicNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break;
            }
            for (ChildJvm child : List.copyOf(running)) {
                if (child.exitCode().isPresent()) {
                    running.remove(child);
                    order.add(child);
                    if (child.exitCode().get() != 0) {
                        return order; // the caller reports it and stops the other
                    }
                }
            }
        }
        order.addAll(running);
        return order;
    }

    /** Waits for {@code event} until {@code deadline}; fails if the child exits first or the deadline passes. */
    private static void await(ChildJvm child, CompletableFuture<?> event, long deadline, Clock clock, String late)
            throws InterruptedException {
        try {
            CompletableFuture.anyOf(event, child.onExit()).get(Math.max(1, deadline - clock.monotonicNanos()),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw failed(child, late);
        } catch (ExecutionException e) {
            throw failed(child, "failed: " + e.getCause());
        }
        if (!event.isDone()) {
            throw failed(child, "exited with " + child.exitCode().orElseThrow() + " before it was ready");
        }
    }

    private static ChildFailedException failed(ChildJvm child, String what) throws InterruptedException {
        return new ChildFailedException("the child " + child.mode().label() + " (pid " + child.pid() + ") " + what
                + "; the other was stopped. Its error output:\n" + child.errorOutput());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
