package io.homeostat.bench.detect;

import io.homeostat.engine.detect.anomaly.AnomalyDetector;
import io.homeostat.engine.detect.anomaly.AnomalyDetectorConfig;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of scoring one sample of one series, round-robin over {@code series} live detectors (so
 * the many-series case pays its cache misses), each past its learning period.
 * Run: {@code ./homeostat bench AnomalyDetectorBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnomalyDetectorBenchmark {

    private static final long FIVE_MINUTES = 300_000L;
    private static final int VALUES = 4096;

    @Param({"1", "10000"})
    int series;

    private AnomalyDetector[] detectors;
    private double[] values;
    private long time = 1_399_939_200_000L;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        values = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = 50 + 10 * Math.sin(i * 2 * Math.PI / 288) + random.nextGaussian();
        }
        AnomalyDetectorConfig config = AnomalyDetectorConfig.builder().learningPeriod(300).build();
        detectors = new AnomalyDetector[series];
        for (int s = 0; s < series; s++) {
            detectors[s] = AnomalyDetector.create(config);
            for (int i = 0; i < 400; i++) {
                detectors[s].score(time + i * FIVE_MINUTES, values[(i + s) % VALUES]);
            }
        }
        time += 400 * FIVE_MINUTES;
    }

    @Benchmark
    public double scoreOneSample() {
        int s = next++ % series;
        if (s == series - 1) {
            time += FIVE_MINUTES;
        }
        return detectors[s].score(time, values[next & (VALUES - 1)]);
    }
}
