package io.homeostat.bench.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child JVM of a {@link KernelOverheadPair} run: {@code KernelOverhead --only MODE
 * --start-on-stdin} on the parent's java binary and class path, the windows it reports
 * ({@link SoloRun}'s protocol) and the last lines of its error output. Thread-safe.
 */
final class ChildJvm implements AutoCloseable {

    /** How many lines of its error output are kept for a report of its failure. */
    private static final int ERROR_LINES = 60;

    private final Mode mode;
    private final Process process;
    private final Writer stdin;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** One future for its exit: {@link Process#onExit()} makes a new one on every call, each completed on its own. */
    private final CompletableFuture<Process> exited;
    private final List<RoundResult> windows = new CopyOnWriteArrayList<>();
    private final Deque<String> errors = new ArrayDeque<>();
    private final Thread outReader;
    private final Thread errReader;

    /** Watches {@code process}, already started; {@link #launch} starts the real child. */
    ChildJvm(Mode mode, Process process, Consumer<RoundResult> onWindow) {
        this.mode = mode;
        this.process = process;
        this.exited = process.onExit();
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String name = "kernel-overhead-" + mode.name().toLowerCase(Locale.ROOT);
        this.outReader = Thread.ofPlatform().daemon().name(name + "-out").start(() -> readOutput(onWindow));
        this.errReader = Thread.ofPlatform().daemon().name(name + "-err").start(this::readErrors);
    }

    /**
     * Starts the child of {@code mode}; {@code onWindow} hears each window as it is reported (on
     * the child's reader thread).
     *
     * @throws IOException if the process cannot start
     */
    static ChildJvm launch(Mode mode, WindowOptions settings, Consumer<RoundResult> onWindow) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(command(java, System.getProperty("java.class.path"), mode, settings)).start();
        return new ChildJvm(mode, process, onWindow);
    }

    /** The child's command line. */
    static List<String> command(String java, String classPath, Mode mode, WindowOptions settings) {
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, KernelOverhead.class.getName(), "--only",
                mode.name().toLowerCase(Locale.ROOT)));
        command.addAll(settings.arguments());
        command.add("--start-on-stdin");
        return command;
    }

    Mode mode() {
        return mode;
    }

    long pid() {
        return process.pid();
    }

    /** Completes when the child has printed {@code ready}. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Completes when the child has exited; the same future on every call. */
    CompletableFuture<Process> onExit() {
        return exited;
    }

    /** The child's exit code, if it has exited. */
    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Tells the child when its traffic starts; the pipe stays open, since the child stops when it
     * ends.
     *
     * @throws IOException if the child is gone
     */
    void start(long epochMillis) throws IOException {
        stdin.write(SoloRun.START + epochMillis + "\n");
        stdin.flush();
    }

    /** The windows the child has reported, in order; after it exited, all of them (waits up to 5 s for its output to drain). */
    List<RoundResult> windows() throws InterruptedException {
        if (!process.isAlive()) {
            outReader.join(5_000);
        }
        return List.copyOf(windows);
    }

    /** The last lines of its error output (and any line of its output it could not read). */
    String errorOutput() throws InterruptedException {
        if (!process.isAlive()) {
            errReader.join(5_000);
        }
        synchronized (errors) {
            return errors.isEmpty() ? "(none)" : String.join("\n", errors);
        }
    }

    /** Stops the child if it still runs: SIGTERM, then after 5 s SIGKILL. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone: nothing to close
        }
    }

    private void readOutput(Consumer<RoundResult> onWindow) {
        try (BufferedReader out = reader(process.getInputStream())) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals(SoloRun.READY)) {
                    ready.complete(null);
                    continue;
                }
                try {
                    SoloRun.window(line).ifPresent(window -> {
                        windows.add(window);
                        onWindow.accept(window);
                    });
                } catch (IllegalArgumentException e) {
                    keep(e.getMessage());
                }
            }
        } catch (IOException e) {
            keep("cannot read its output: " + e);
        }
    }

    private void readErrors() {
        try (BufferedReader err = reader(process.getErrorStream())) {
            for (String line; (line = err.readLine()) != null; ) {
                keep(line);
            }
        } catch (IOException e) {
            keep("cannot read its error output: " + e);
        }
    }

    private void keep(String line) {
        synchronized (errors) {
            errors.addLast(line);
            if (errors.size() > ERROR_LINES) {
                errors.removeFirst();
            }
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
