package io.homeostat.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.server.ServerConfig;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.server.auth.Role;
import io.homeostat.server.ingest.Ingest;
import io.homeostat.server.ingest.SeenIds;
import io.homeostat.server.ingest.SignalBatchReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Ingest throughput over loopback HTTP: batched JSON signals from {@code threads} client threads
 * to a real {@link HomeostatServer} (embedded H2, the whole loop behind the bus), each round
 * beside a no-op handler ({@link NoopIngestServer}) that receives the same bodies on the same
 * Javalin setup in the same process, and beside the ingest path alone (a real {@code Ingest}
 * on that setup publishing to a bus whose only subscriber does nothing: parsing, checking,
 * de-duplicating and publishing without the loop and the store behind it). While the no-op and the real
 * server take their bodies, a probe calls {@code GET /api/v1/overview} on the real server every
 * {@code probe-ms} (after each answer) and records its latency. Each round starts with another of the three (no-op, path alone, real server), so that
 * the JIT and the collector, which keep changing how fast all of them run for a while, weigh on
 * the three alike. Bounded: {@code warmup-rounds} rounds and {@code rounds} rounds of
 * {@code batches} bodies. Reports the medians of the rounds and the ratios over all rounds together.
 *
 * <p>Arguments: {@code [--threads 4] [--batch 1000] [--batches 200] [--rounds 3] [--warmup-rounds 1]
 * [--raw-sample-interval-ms 1000] [--probe-ms 20]} (the server's {@code LoopOptions.rawSampleInterval}: at most one
 * raw metric sample stored per series per interval; 0 stores every sample). Prints a table and
 * writes {@code results/ingest.json}.
 */
public final class IngestBenchmark {

    private static final Clock CLOCK = Clock.system();
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestBenchmark() {}

    /** One measured round. */
    private record Round(double noopRate, double ingestRate, double pathRate, Histogram noopProbe,
            Histogram ingestProbe, long busDropped, long busyAnswers, double drainMillis, double noopCpu, double pathCpu,
            double ingestCpu, long noopNanos, long pathNanos, long ingestNanos) {
        double ratio() {
            return ingestRate / noopRate;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "1000"));
        int batches = Integer.parseInt(options.getOrDefault("batches", "200"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int warmupRounds = Integer.parseInt(options.getOrDefault("warmup-rounds", "1"));
        Duration probePeriod = Duration.ofMillis(Long.parseLong(options.getOrDefault("probe-ms", "20")));
        Duration rawSampleInterval = Duration.ofMillis(Long.parseLong(options.getOrDefault("raw-sample-interval-ms", "1000")));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        Path data = Files.createTempDirectory("homeostat-ingest-bench");
        ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
        List<Round> measured = new ArrayList<>();
        int bodyBytes;
        try (HomeostatServer server = HomeostatServer.start(config, HomeostatServer.embeddedStore(config),
                Scheduler.system(), LoopOptions.defaults().withRawSampleInterval(rawSampleInterval));
                NoopIngestServer noop = new NoopIngestServer(config, server.tokens());
                InProcessSignalBus idle = InProcessSignalBus.create();
                NoopIngestServer path = new NoopIngestServer(config, server.tokens(), new Ingest(
                        new SignalBatchReader(SignalCodec.create(), config.maxBatchSignals(), config.maxFutureSkew()),
                        idle, new SeenIds(SeenIds.DEFAULT_CAPACITY), CLOCK)::accept);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String operator = server.tokens().issue("bench-operator", Role.OPERATOR).secret();
            String viewer = server.tokens().issue("bench-viewer", Role.VIEWER).secret();
            URI real = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/signals");
            URI peer = URI.create("http://127.0.0.1:" + noop.port() + "/api/v1/signals");
            URI alone = URI.create("http://127.0.0.1:" + path.port() + "/api/v1/signals");
            idle.subscribe(delivered -> { });
            URI overview = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/overview");
            bodyBytes = Batches.make("size", 1, batch, CLOCK.instant()).get(0).length;
            for (int round = 1 - warmupRounds; round <= rounds; round++) {
                // The same bodies go to all three; ids are unique per round, so the real server ingests every signal.
                List<byte[]> bodies = Batches.make("r" + (round + warmupRounds), batches, batch, CLOCK.instant());
                long signals = (long) batches * batch;
                Map<Phase, Measured> phases = new EnumMap<>(Phase.class);
                // Each round starts with another phase, so that what the JIT and the collector do
                // over a run weighs on all three alike.
                for (int p = 0; p < Phase.values().length; p++) {
                    Phase phase = Phase.values()[Math.floorMod(round + p, Phase.values().length)];
                    phases.put(phase, switch (phase) {
                        case NOOP -> measure(client, peer, operator, bodies, threads, new LatencyProbe(overview, viewer,
                                probePeriod));
                        case PATH -> measure(client, alone, operator, bodies, threads, null);
                        case REAL -> measureReal(client, real, overview, operator, viewer, bodies, threads, probePeriod);
                    });
                }
                Measured noopPhase = phases.get(Phase.NOOP);
                Measured pathPhase = phases.get(Phase.PATH);
                Measured realPhase = phases.get(Phase.REAL);
                Round result = new Round(signals * 1e9 / noopPhase.nanos(), signals * 1e9 / realPhase.nanos(),
                        signals * 1e9 / pathPhase.nanos(), noopPhase.probe(), realPhase.probe(), realPhase.busDropped(),
                        realPhase.busy(), realPhase.drainMillis(),
                        noopPhase.cpuNanos() / 1e6 / batches, pathPhase.cpuNanos() / 1e6 / batches,
                        realPhase.cpuNanos() / 1e6 / batches, noopPhase.nanos(), pathPhase.nanos(), realPhase.nanos());
                System.out.printf(Locale.ROOT, "%s %d: no-op %,.0f signals/s, ingest %,.0f signals/s (%.2f), ingest path"
                        + " alone %,.0f signals/s (%.2f), overview p99 %.1f ms under ingest (%.1f ms under no-op), bus"
                        + " dropped %d, busy answers %d, drained in %.0f ms; process CPU per batch: no-op %.2f ms, path alone %.2f ms,"
                        + " ingest %.2f ms%n",
                        round <= 0 ? "warm-up" : "round", round, result.noopRate(), result.ingestRate(), result.ratio(),
                        result.pathRate(), result.pathRate() / result.noopRate(),
                        millis(result.ingestProbe(), 99), millis(result.noopProbe(), 99), result.busDropped(),
                        result.busyAnswers(), result.drainMillis(), result.noopCpu(), result.pathCpu(), result.ingestCpu());
                if (round > 0) {
                    measured.add(result);
                }
            }
            System.out.printf(Locale.ROOT, "raw metric samples (one per series per %s): %,d stored, %,d not stored%n",
                    rawSampleInterval, server.loop().rawSamples().kept(), server.loop().rawSamples().skipped());
        } finally {
            deleteTree(data);
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        report(measured, threads, batch, batches, bodyBytes, loadBefore, loadAfter);
    }

    /** The three servers a round sends its bodies to. */
    private enum Phase { NOOP, PATH, REAL }

    /** One phase of a round: wall and process CPU time, the probe's latencies, and what the real server reported. */
    private record Measured(long nanos, long cpuNanos, Histogram probe, long busy, long busDropped, double drainMillis) {}

    private static Measured measure(HttpClient client, URI uri, String token, List<byte[]> bodies, int threads,
            LatencyProbe probe) throws InterruptedException {
        long cpu = processCpuNanos();
        Load.Sent sent = Load.send(client, uri, token, bodies, threads);
        long cpuNanos = processCpuNanos() - cpu;
        Histogram latencies = probe == null ? new Histogram(3) : probe.stop();
        return new Measured(sent.nanos(), cpuNanos, latencies, sent.busy(), 0, 0);
    }

    /** The real server's phase: also what its bus dropped, and how long its loop took to drain after. */
    private static Measured measureReal(HttpClient client, URI uri, URI overview, String token, String viewer,
            List<byte[]> bodies, int threads, Duration probePeriod) throws IOException, InterruptedException {
        long droppedBefore = bus(client, overview, viewer).path("dropped").asLong();
        Measured sent = measure(client, uri, token, bodies, threads, new LatencyProbe(overview, viewer, probePeriod));
        long drainStart = CLOCK.monotonicNanos();
        JsonNode bus;
        while ((bus = bus(client, overview, viewer)).path("pending").asLong() > 0) {
            LockSupport.parkNanos(1_000_000);
        }
        double drainMillis = (CLOCK.monotonicNanos() - drainStart) / 1e6;
        return new Measured(sent.nanos(), sent.cpuNanos(), sent.probe(), sent.busy(),
                bus.path("dropped").asLong() - droppedBefore, drainMillis);
    }

    private static JsonNode bus(HttpClient client, URI overview, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(overview)
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("bus");
    }

    /**
     * CPU time of the whole process (server, peers and clients alike), from the JVM; during one
     * phase only that phase's server and its clients work, so the difference between phases is
     * the servers' difference, much less sensitive to other processes on the machine than rates.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static void report(List<Round> rounds, int threads, int batch, int batches, int bodyBytes,
            double loadBefore, double loadAfter) throws IOException {
        double noop = median(rounds.stream().mapToDouble(Round::noopRate).toArray());
        double ingest = median(rounds.stream().mapToDouble(Round::ingestRate).toArray());
        double ratio = median(rounds.stream().mapToDouble(Round::ratio).toArray());
        double path = median(rounds.stream().mapToDouble(Round::pathRate).toArray());
        double pathRatio = median(rounds.stream().mapToDouble(round -> round.pathRate() / round.noopRate()).toArray());
        // Over all rounds together: every phase sent the same signals, so the rates' ratio is that of the times.
        double noopTime = rounds.stream().mapToLong(Round::noopNanos).sum();
        double totalRatio = noopTime / rounds.stream().mapToLong(Round::ingestNanos).sum();
        double totalPathRatio = noopTime / rounds.stream().mapToLong(Round::pathNanos).sum();
        Histogram underIngest = new Histogram(3);
        Histogram underNoop = new Histogram(3);
        rounds.forEach(round -> {
            underIngest.add(round.ingestProbe());
            underNoop.add(round.noopProbe());
        });
        long dropped = rounds.stream().mapToLong(Round::busDropped).sum();
        long busy = rounds.stream().mapToLong(Round::busyAnswers).sum();
        double noopCpu = median(rounds.stream().mapToDouble(Round::noopCpu).toArray());
        double pathCpu = median(rounds.stream().mapToDouble(Round::pathCpu).toArray());
        double ingestCpu = median(rounds.stream().mapToDouble(Round::ingestCpu).toArray());
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nIngest over loopback HTTP: %d client threads, %,d signals a batch"
                + " (%,d bytes), %d batches a round, %d rounds (medians); load average %.1f before, %.1f after%n",
                threads, batch, bodyBytes, batches, rounds.size(), loadBefore, loadAfter));
        table.append("| no-op handler | ingest | ingest / no-op | ingest path alone | path / no-op"
                + " | overview p50 / p99 / max under ingest | overview p99 under no-op | bus drops | busy answers (503) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        table.append(String.format(Locale.ROOT, "| %,.0f signals/s | %,.0f signals/s | %.2f | %,.0f signals/s | %.2f"
                + " | %.1f / %.1f / %.1f ms (%d calls) | %.1f ms | %d | %d |%n", noop, ingest, ratio, path, pathRatio,
                millis(underIngest, 50), millis(underIngest, 99),
                underIngest.getMaxValue() / 1e6, underIngest.getTotalCount(), millis(underNoop, 99), dropped, busy));
        table.append(String.format(Locale.ROOT, "process CPU per batch (medians; clients included): no-op %.2f ms,"
                + " ingest path alone %.2f ms, ingest (real server) %.2f ms%n", noopCpu, pathCpu, ingestCpu));
        table.append(String.format(Locale.ROOT, "over all rounds together: ingest / no-op %.2f, path / no-op %.2f%n",
                totalRatio, totalPathRatio));
        System.out.print(table);
        String json = String.format(Locale.ROOT, "{\"threads\":%d,\"batch\":%d,\"bodyBytes\":%d,\"batches\":%d,"
                + "\"rounds\":%d,\"noopPerSecond\":%.0f,\"ingestPerSecond\":%.0f,\"ratio\":%.3f,\"ratioOverAllRounds\":%.3f,"
                + "\"pathAlonePerSecond\":%.0f,\"pathAloneRatio\":%.3f,"
                + "\"overviewP50Millis\":%.2f,\"overviewP99Millis\":%.2f,\"overviewMaxMillis\":%.2f,"
                + "\"overviewP99UnderNoopMillis\":%.2f,\"busDropped\":%d,\"busyAnswers\":%d,\"loadBefore\":%.2f,\"loadAfter\":%.2f,"
                + "\"cpuMillisPerBatch\":{\"noop\":%.3f,\"pathAlone\":%.3f,\"ingest\":%.3f}}%n",
                threads, batch, bodyBytes, batches, rounds.size(), noop, ingest, ratio, totalRatio, path, pathRatio,
                millis(underIngest, 50),
                millis(underIngest, 99), underIngest.getMaxValue() / 1e6, millis(underNoop, 99), dropped, busy, loadBefore,
                loadAfter, noopCpu, pathCpu, ingestCpu);
        Path results = Path.of("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("ingest.json"), json, StandardCharsets.UTF_8);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
