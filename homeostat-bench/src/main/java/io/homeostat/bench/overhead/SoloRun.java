package io.homeostat.bench.overhead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.triage.TriageSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One mode for a whole run ({@code KernelOverhead --only guarded|direct}): the demo's triage
 * system, one application of the mode with its traffic running throughout, a warm-up, then
 * consecutive windows whose bounds are fixed in advance from the start time, so that two such
 * runs in two JVMs given the same start time measure the same wall-clock windows. Nothing
 * switches modes, so the JIT compiles each JVM's code for one mode only.
 *
 * <p>What it prints on its standard output, one line each (the protocol {@link KernelOverheadPair}
 * reads): {@code ready} once the upstreams are up and warmed, before any traffic (only with
 * {@code --start-on-stdin}); {@code window JSON} at the end of each window, the JSON being
 * {@link RoundResult#toMap()} with the window's number (from 1) as its index; and notes for people,
 * starting with {@code #}. With {@code --start-on-stdin} it then reads {@code start EPOCH_MS}
 * from its standard input (3 min at most): the traffic starts at that wall-clock time and the
 * first window after the warm-up. It keeps reading: when its standard input ends (the parent is
 * gone) it stops. Bounded: the start wait, the warm-up, the windows, 10 s for the requests in
 * flight. Not thread-safe; one run per JVM.
 */
final class SoloRun {

    static final String READY = "ready";
    static final String START = "start ";
    static final String WINDOW = "window ";

    /** How long a child waits for its start line (longer than {@link KernelOverheadPair} waits for both to be ready). */
    static final Duration START_WAIT = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SoloRun() {}

    /**
     * Runs the windows and returns them.
     *
     * @param in where the start line comes from (read only with {@code --start-on-stdin})
     * @throws InterruptedException also when {@code in} ends after the start line (the parent is gone)
     * @throws IllegalStateException if no start line comes in time or it is not {@code start EPOCH_MS}
     */
    static List<RoundResult> run(SoloOptions options, BufferedReader in, PrintStream out) throws InterruptedException {
        WindowOptions settings = options.settings();
        Scheduler scheduler = Scheduler.system();
        Clock clock = scheduler.clock();
        List<RoundResult> windows = new ArrayList<>();
        try (TriageSystem system = TriageSystem.start(clock, settings.seed())) {
            system.warmUp(200);
            TriageRound round = new TriageRound(system, scheduler, settings.seed(), settings.rate(), Duration.ZERO);
            long startNanos = clock.monotonicNanos();
            if (options.startOnStdin()) {
                out.println(READY);
                out.flush();
                long startMillis = awaitStart(in);
                startNanos += (startMillis - clock.wallMillis()) * 1_000_000;
            }
            sleepUntil(clock, startNanos);
            note(out, "%s: traffic at %d requests/s, %d s of warm-up, then %d window(s) of %d s", options.mode().label(),
                    settings.rate(), settings.warmUp().toSeconds(), settings.windows(), settings.window().toSeconds());
            try (TriageRound.Running running = round.start(options.mode(), 0, false)) {
                long firstWindow = startNanos + settings.warmUp().toNanos();
                sleepUntil(clock, firstWindow);
                TriageRound.Sample before = running.sample();
                for (int i = 1; i <= settings.windows(); i++) {
                    sleepUntil(clock, firstWindow + settings.window().toNanos() * i);
                    TriageRound.Sample after = running.sample();
                    RoundResult window = running.between(i, before, after);
                    windows.add(window);
                    out.println(line(window));
                    out.flush();
                    before = after;
                }
            }
        }
        Spread spread = Spread.of(windows.stream().map(w -> w.cores() * 100).toList());
        note(out, "%s: %.2f %% of one core (95 %% CI %.2f to %.2f), %.1f requests/s over %d window(s)",
                options.mode().label(), spread.mean(), spread.ciLow(), spread.ciHigh(), rate(windows), windows.size());
        return windows;
    }

    /** The line that reports {@code window}. */
    static String line(RoundResult window) {
        try {
            return WINDOW + JSON.writeValueAsString(window.toMap());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The window a line reports, if it is a window line.
     *
     * @throws IllegalArgumentException if it starts as one but its JSON cannot be read
     */
    static Optional<RoundResult> window(String line) {
        if (!line.startsWith(WINDOW)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RoundResult.fromJson(JSON.readTree(line.substring(WINDOW.length()))));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable window line: " + line, e);
        }
    }

    /** Completed requests a second over all {@code windows}. */
    private static double rate(List<RoundResult> windows) {
        long requests = windows.stream().mapToLong(RoundResult::requests).sum();
        long nanos = windows.stream().mapToLong(RoundResult::wallNanos).sum();
        return requests * 1e9 / nanos;
    }

    /** Reads the start line; then watches {@code in} and interrupts this thread when it ends. */
    private static long awaitStart(BufferedReader in) throws InterruptedException {
        CompletableFuture<String> first = new CompletableFuture<>();
        Thread caller = Thread.currentThread();
        Thread.ofPlatform().daemon().name("kernel-overhead-stdin").start(() -> {
            try {
                String line = in.readLine();
                if (line == null) {
                    first.completeExceptionally(new IllegalStateException("standard input ended before the start line"));
                    return;
                }
                first.complete(line);
            } catch (IOException e) {
                first.completeExceptionally(e);
                return;
            }
            try {
                while (in.readLine() != null) {
                    // only its end matters
                }
            } catch (IOException e) {
                // ended as well
            }
            caller.interrupt();
        });
        String line;
        try {
            line = first.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no start line on standard input within " + START_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the start line: " + e.getCause().getMessage(), e.getCause());
        }
        if (line.startsWith(START)) {
            try {
                return Long.parseLong(line.substring(START.length()).trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalStateException("expected 'start EPOCH_MS' on standard input, got '" + line + "'");
    }

    private static void sleepUntil(Clock clock, long monotonicNanos) throws InterruptedException {
        long wait = monotonicNanos - clock.monotonicNanos();
        if (wait > 0) {
            clock.sleep(Duration.ofNanos(wait));
        }
    }

    private static void note(PrintStream out, String format, Object... args) {
        out.println("# " + String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
