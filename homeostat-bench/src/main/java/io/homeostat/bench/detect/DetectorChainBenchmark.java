package io.homeostat.bench.detect;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.detect.anomaly.AnomalySeriesConfig;
import io.homeostat.engine.detect.anomaly.AnomalySeriesDetector;
import io.homeostat.engine.detect.baseline.BaselineTracker;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.detect.trend.TrendDetector;
import io.homeostat.engine.detect.trend.TrendRules;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one sample of one series through the monitor stage, round-robin over {@code series}
 * live series (so the many-series case pays its cache misses), one sample per series per second
 * of sample time. Every series is {@code heap.used.ratio}, the metric every stage watches
 * (a threshold rule, a prediction rule, anomaly scoring and baselines), past the anomaly
 * scorer's learning period, stationary noise around 60 % (no rule fires; the anomaly scorer's
 * rare false alarms on noise are part of the cost). {@code stage} picks the whole chain or one part.
 * Run: {@code ./homeostat bench DetectorChainBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorChainBenchmark {

    private static final int VALUES = 4096;
    private static final String METRIC = "heap.used.ratio";

    @Param({"1", "10000"})
    int series;

    @Param({"chain", "baseline", "threshold", "anomaly", "trend"})
    String stage;

    private DetectorChain chain;
    private String[] services;
    private double[] values;
    private long time;
    private int next;
    private Consumer<Detection> sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        ManualClock clock = ManualClock.create();
        chain = chain(stage, clock);
        sink = blackhole::consume;
        Random random = new Random(42);
        values = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            values[i] = 0.60 + 0.01 * random.nextGaussian();
        }
        services = new String[series];
        for (int s = 0; s < series; s++) {
            services[s] = "svc-" + s;
        }
        time = clock.wallMillis();
        for (int round = 0; round < 600; round++) {
            for (int s = 0; s < series; s++) {
                chain.sample(services[s], METRIC, time, values[(round + s) & (VALUES - 1)], sink);
            }
            time += 1000;
        }
    }

    /** The whole standard chain ({@code chain}) or one of its parts alone. */
    static DetectorChain chain(String stage, ManualClock clock) {
        DetectorChainBuilder builder = switch (stage) {
            case "chain" -> DetectorChainBuilder.standard(clock, baseline -> {});
            case "baseline" -> DetectorChain.builder().baselines(BaselineTracker.create());
            case "threshold" -> DetectorChain.builder().add(ThresholdDetector.create(ThresholdRules.defaults(), clock));
            case "anomaly" -> DetectorChain.builder()
                    .add(AnomalySeriesDetector.create(AnomalySeriesConfig.ofDefaults(), clock));
            case "trend" -> DetectorChain.builder().add(TrendDetector.create(TrendRules.defaults(), clock));
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        };
        return builder.build();
    }

    @Benchmark
    public void oneSample() {
        int s = next++;
        if (s >= series) {
            s = 0;
            next = 1;
            time += 1000;
        }
        chain.sample(services[s], METRIC, time, values[(int) (time / 1000 + s) & (VALUES - 1)], sink);
    }
}
