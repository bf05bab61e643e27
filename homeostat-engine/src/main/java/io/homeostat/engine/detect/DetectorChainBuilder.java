package io.homeostat.engine.detect;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.anomaly.AnomalySeriesConfig;
import io.homeostat.engine.detect.anomaly.AnomalySeriesDetector;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineTracker;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRules;
import io.homeostat.engine.detect.trend.TrendDetector;
import io.homeostat.engine.detect.trend.TrendRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/** Builds a {@link DetectorChain}. Not thread-safe. */
public final class DetectorChainBuilder {

    private BaselineTracker baselines;
    private final List<SeriesDetector> seriesDetectors = new ArrayList<>();
    private final List<Detector> eventDetectors = new ArrayList<>();

    DetectorChainBuilder() {}

    /**
     * The standard chain on {@code clock}: baselines (each fresh one handed to
     * {@code baselineListener}, e.g. a store's {@code save}), then the default threshold rules,
     * anomaly detection with its defaults, and the default predictions.
     *
     * @throws NullPointerException if an argument is null
     */
    public static DetectorChainBuilder standard(Clock clock, Consumer<Baseline> baselineListener) {
        return standard(clock, baselineListener, RepeatingDetector.DEFAULT_REPEAT, Set.of());
    }

    /**
     * As {@link #standard(Clock, Consumer)}, with detectors that say FIRING again at most once per
     * {@code repeat} while their condition lasts (at most half the hold period of the incident
     * tracker the detections go to; see {@link RepeatingDetector}) and an anomaly detector that
     * does not score the {@code unscored} series (e.g. the host's own traffic-driven rates).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code repeat} is not positive
     */
    public static DetectorChainBuilder standard(Clock clock, Consumer<Baseline> baselineListener, Duration repeat,
            Set<SeriesKey> unscored) {
        return new DetectorChainBuilder()
                .baselines(BaselineTracker.create(BaselineTracker.DEFAULT_LIMITS, baselineListener))
                .add(ThresholdDetector.create(ThresholdRules.defaults(), clock, SeriesLimits.defaults(), repeat))
                .add(AnomalySeriesDetector.create(
                        AnomalySeriesConfig.ofDefaults().withRepeat(repeat).withExcluded(unscored), clock))
                .add(TrendDetector.create(TrendRules.defaults(), clock, SeriesLimits.defaults(), repeat));
    }

    /** Feeds every series value to {@code tracker} first (default: no baselines). */
    public DetectorChainBuilder baselines(BaselineTracker tracker) {
        this.baselines = Objects.requireNonNull(tracker, "tracker");
        return this;
    }

    /** Adds a series detector; they run in the order added. */
    public DetectorChainBuilder add(SeriesDetector detector) {
        seriesDetectors.add(Objects.requireNonNull(detector, "detector"));
        return this;
    }

    /** Adds a detector that sees whole signals, after the series detectors. */
    public DetectorChainBuilder addEventDetector(Detector detector) {
        eventDetectors.add(Objects.requireNonNull(detector, "detector"));
        return this;
    }

    /**
     * The chain. The baseline tracker and the engine's series detectors move their per-series
     * state into the chain's table, so each belongs to this chain only.
     *
     * @throws IllegalStateException if one of them has already seen samples or belongs to a chain
     */
    public DetectorChain build() {
        return new DetectorChain(baselines, seriesDetectors, eventDetectors);
    }
}
