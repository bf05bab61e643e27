package io.homeostat.bench.detect;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.DetectorChain;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The {@link DetectorChainBenchmark} workload (round-robin over {@code series} series of
 * {@code heap.used.ratio}, one sample per series per second of sample time, past the anomaly
 * scorer's learning period) timed by the feeding thread's own CPU clock instead of the wall
 * clock: on a machine shared with other work, the time the thread waits for a core does not
 * count (contention for the shared caches still does). Prints the CPU time per sample of each
 * round and their median.
 *
 * <p>Run: {@code java -cp homeostat-bench/target/benchmarks.jar io.homeostat.bench.detect.DetectorChainCpuTime [series] [stage] [rounds]}
 * (defaults 10000, {@code chain}, 7; a round is two million samples, the first two rounds warm up).
 */
public final class DetectorChainCpuTime {

    private static final int VALUES = 4096;
    private static final int SAMPLES_PER_ROUND = 2_000_000;
    private static final String METRIC = "heap.used.ratio";

    private DetectorChainCpuTime() {}

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String stage = args.length > 1 ? args[1] : "chain";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        ManualClock clock = ManualClock.create();
        DetectorChain chain = DetectorChainBenchmark.chain(stage, clock);
        long[] fired = {0};
        Consumer<Detection> sink = d -> fired[0]++;
        Random random = new Random(42);
        double[] values = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = 0.60 + 0.01 * random.nextGaussian();
        }
        String[] services = new String[series];
        for (int s = 0; s < series; s++) {
            services[s] = "svc-" + s;
        }
        long time = clock.wallMillis();
        for (int round = 0; round < 600; round++) {
            for (int s = 0; s < series; s++) {
                chain.sample(services[s], METRIC, time, values[(round + s) & (VALUES - 1)], sink);
            }
            time += 1000;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] perSample = new double[rounds];
        int next = 0;
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < SAMPLES_PER_ROUND; i++) {
                int s = next++;
                if (s >= series) {
                    s = 0;
                    next = 1;
                    time += 1000;
                }
                chain.sample(services[s], METRIC, time, values[(int) (time / 1000 + s) & (VALUES - 1)], sink);
            }
            perSample[round] = (double) (threads.getCurrentThreadCpuTime() - start) / SAMPLES_PER_ROUND;
            System.out.printf(Locale.ROOT, "round %d: %.0f ns CPU per sample%n", round + 1, perSample[round]);
        }
        double[] measured = Arrays.copyOfRange(perSample, Math.min(2, rounds - 1), rounds);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "%s, %,d series: median %.0f ns CPU per sample over %d rounds (detections: %d)%n",
                stage, series, measured[measured.length / 2], measured.length, fired[0]);
    }
}
