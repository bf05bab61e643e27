package io.homeostat.bench.detect;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.DetectorChain;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Heap held by the standard detector chain for many live series (issue 3: 10,000 series within
 * 50 MB). Every series is {@code heap.used.ratio}, watched by every stage. Two points are measured:
 * after 100 minutes of one sample every 10 s (anomaly scorers past learning, the hour window
 * full, trends full), and after a further 8 days of one sample every 15 min (every baseline
 * window's buckets full: the most the baselines ever hold). Heap is read after repeated full GCs,
 * less the heap before the chain was made.
 *
 * <p>Run: {@code java -cp homeostat-bench/target/benchmarks.jar io.homeostat.bench.detect.DetectorChainMemory [series] [json] [stage]}
 * (defaults 10000, {@code results/detector-chain-memory.json} and {@code chain}; a stage of
 * {@link DetectorChainBenchmark} measures that part alone).
 */
public final class DetectorChainMemory {

    private DetectorChainMemory() {}

    public static void main(String[] args) throws IOException {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path json = Path.of(args.length > 1 ? args[1] : "results/detector-chain-memory.json");
        String stage = args.length > 2 ? args[2] : "chain";
        long before = usedHeap();
        ManualClock clock = ManualClock.create();
        DetectorChain chain = DetectorChainBenchmark.chain(stage, clock);
        String[] services = new String[series];
        for (int s = 0; s < series; s++) {
            services[s] = "svc-" + s;
        }
        Random random = new Random(42);
        long time = clock.wallMillis();
        long[] fired = {0};
        for (int round = 0; round < 600; round++) {
            for (int s = 0; s < series; s++) {
                chain.sample(services[s], "heap.used.ratio", time, 0.6 + 0.01 * random.nextGaussian(), d -> fired[0]++);
            }
            time += 10_000;
        }
        long warm = usedHeap() - before;
        for (int round = 0; round < 8 * 24 * 4; round++) {
            for (int s = 0; s < series; s++) {
                chain.sample(services[s], "heap.used.ratio", time, 0.6 + 0.05 * random.nextGaussian(), d -> fired[0]++);
            }
            time += 15 * 60_000;
        }
        long full = usedHeap() - before;
        Reference.reachabilityFence(chain);

        String table = String.format(Locale.ROOT, """
                | stage | live series | after 100 min (10 s samples) | after 8 more days (15 min samples) |
                |---|---|---|---|
                | %s | %,d | %.1f MB (%,d B/series) | %.1f MB (%,d B/series) |
                """, stage, series, warm / 1e6, warm / series, full / 1e6, full / series);
        System.out.print(table);
        System.out.println("detections while filling: " + fired[0]);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, String.format(Locale.ROOT,
                "{\"stage\": \"%s\", \"series\": %d, \"warmBytes\": %d, \"fullBytes\": %d, \"detections\": %d}%n",
                stage, series, warm, full, fired[0]), StandardCharsets.UTF_8);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
