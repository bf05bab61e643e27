package io.homeostat.bench.start;

import io.homeostat.core.time.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server start to ready, as the launcher starts it: {@code java -XX:+AutoCreateSharedArchive
 * -XX:SharedArchiveFile=... -jar homeostat-server.jar server --port 0 --data DIR}, run several
 * times on one data directory (the first run creates and migrates the database and writes the
 * class data sharing archive if the jar is new; it is reported but not counted). For each run: the
 * server's own figures ({@code server start N ms}, {@code JVM start to ready N ms}) and the CPU
 * time the process had used when it printed them (from {@code /proc}), which is what the wall
 * time would be on an idle machine if start-up ran on one thread. The process is then stopped
 * with SIGTERM (a clean shutdown).
 *
 * <p>Arguments: {@code [--jar homeostat-server/target/homeostat-server.jar] [--runs 6]}. Prints
 * a table and writes {@code results/server-start.json}.
 */
public final class ServerStartBenchmark {

    private static final Pattern READY = Pattern.compile("server start (\\d+) ms, JVM start to ready (\\d+) ms");
    private static final Clock CLOCK = Clock.system();

    private ServerStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("homeostat-server/target/homeostat-server.jar");
        int runs = 6;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path archive = jar.resolveSibling("homeostat-server.jsa");
        Path data = Files.createTempDirectory("homeostat-start-bench");
        // As the launcher does: an archive older than the jar would be refused and never rewritten.
        if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            Files.delete(archive);
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<long[]> measured = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            long[] figures = once(java, jar, archive, data);
            System.out.printf(Locale.ROOT, "%s %d: server start %d ms, JVM start to ready %d ms, CPU at ready %d ms,"
                    + " load %.1f%n", run == 0 ? "first" : "run", run, figures[0], figures[1], figures[2],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (run > 0) {
                measured.add(figures);
            }
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long[] median = new long[3];
        long[] best = new long[3];
        for (int column = 0; column < 3; column++) {
            int c = column;
            long[] values = measured.stream().mapToLong(row -> row[c]).sorted().toArray();
            median[column] = values[values.length / 2];
            best[column] = values[0];
        }
        System.out.printf(Locale.ROOT, "%nServer start to ready, %d runs after the first, load average %.1f before,"
                + " %.1f after%n| | server start | JVM start to ready | CPU time at ready |%n|---|---|---|---|%n"
                + "| median | %d ms | %d ms | %d ms |%n| best | %d ms | %d ms | %d ms |%n", measured.size(), loadBefore,
                loadAfter, median[0], median[1], median[2], best[0], best[1], best[2]);
        Files.createDirectories(Path.of("results"));
        Files.writeString(Path.of("results", "server-start.json"), String.format(Locale.ROOT,
                "{\"runs\":%d,\"serverStartMedianMillis\":%d,\"jvmToReadyMedianMillis\":%d,\"cpuAtReadyMedianMillis\":%d,"
                        + "\"serverStartBestMillis\":%d,\"jvmToReadyBestMillis\":%d,\"cpuAtReadyBestMillis\":%d,"
                        + "\"loadBefore\":%.2f,\"loadAfter\":%.2f,\"allRuns\":%s}%n", measured.size(), median[0],
                median[1], median[2], best[0], best[1], best[2], loadBefore, loadAfter,
                Arrays.deepToString(measured.toArray())), StandardCharsets.UTF_8);
    }

    /** {server start, JVM start to ready, CPU ms at ready} of one start. */
    private static long[] once(Path java, Path jar, Path archive, Path data) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java.toString(), "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(), "server", "--port", "0", "--data",
                data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = CLOCK.monotonicNanos() + TimeUnit.SECONDS.toNanos(120);
            for (String line; (line = out.readLine()) != null && CLOCK.monotonicNanos() < deadline; ) {
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    long cpu = cpuMillis(process.pid());
                    return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), cpu};
                }
            }
            throw new IllegalStateException("the server did not print its ready line");
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** User + system CPU time of a process, from /proc/PID/stat (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
