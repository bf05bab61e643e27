package io.homeostat.engine.detect.anomaly;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.RepeatingDetector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.internal.Categories;
import io.homeostat.engine.detect.internal.SeriesTable;
import io.homeostat.engine.detect.internal.Wording;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs one {@link AnomalyDetector} per series and turns its scores into detections: a
 * {@link Detection.Kind#ANOMALY} detection FIRING when a score reaches the fire score, CLEARED once
 * {@link AnomalySeriesConfig#calmSamples()} samples in a row have scored below it. Until it clears
 * the anomaly is still on (the scorer is muted for its quiet period after an alarm, so the calm
 * samples are what tells it is over): it says FIRING again at most once per
 * {@link AnomalySeriesConfig#repeat()} of sample time, so its incident stays open as long as the
 * detector holds the series unusual (see {@link RepeatingDetector}). Evidence:
 * {@code score}, {@code value}, {@code fireScore}, {@code samples} (seen by the series' scorer);
 * a clear adds {@code peakScore}. Confidence is the score (the peak score for a clear);
 * severity {@link Severity#MEDIUM}, or {@link Severity#HIGH} from a score of 0.9; the signature is
 * {@code anomaly:<metric>}; the category comes from the metric's name ({@code latency},
 * {@code errors}, {@code resource}, {@code traffic} or {@code metric}).
 *
 * <p>The {@linkplain AnomalySeriesConfig#excluded() excluded} series are never scored.
 *
 * <p>Live series are bounded by {@link AnomalySeriesConfig#limits()}: past the bound, series idle
 * for the limit's idle time and not firing are forgotten (their learning is lost); if none can be,
 * the new series is not scored and is counted in {@link #untracked()}. Each live series costs the
 * scorer's 2 KB.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class AnomalySeriesDetector implements RepeatingDetector, SeriesTable.Member {

    /** The name in every detection: {@value}. */
    public static final String NAME = "anomaly";

    /** The state of every excluded series: no scorer, never firing. */
    private static final SeriesState EXCLUDED = new SeriesState(null);

    private final AnomalySeriesConfig config;
    private final Clock clock;
    private final long repeatMillis;
    private final long learningSpanMillis;
    private final SeriesTable.Stage<SeriesState> stage;

    private AnomalySeriesDetector(AnomalySeriesConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.repeatMillis = config.repeat().toMillis();
        this.learningSpanMillis = config.learningSpan().toMillis();
        this.stage = SeriesTable.Stage.of(config.limits(), this::open, state -> state.firing, this::sample);
    }

    /**
     * A detector with {@code config}.
     *
     * @param clock gives the time of the detections it makes
     * @throws NullPointerException if an argument is null
     */
    public static AnomalySeriesDetector create(AnomalySeriesConfig config, Clock clock) {
        return new AnomalySeriesDetector(config, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The configuration. */
    public AnomalySeriesConfig config() {
        return config;
    }

    @Override
    public Duration repeat() {
        return config.repeat();
    }

    /** Series scored now. */
    public int series() {
        return stage.size();
    }

    /** New series not scored because the bound was reached. */
    public long untracked() {
        return stage.untracked();
    }

    @Override
    public void sample(String service, String metric, long timeMillis, double value, Consumer<Detection> sink) {
        stage.sample(service, metric, timeMillis, value, sink);
    }

    /** Internal: its per-series state, which a chain keeps in its shared table. */
    @Override
    public SeriesTable.Stage<?> seriesStage() {
        return stage;
    }

    private SeriesState open(String service, String metric) {
        return config.excluded().contains(new SeriesKey(service, metric)) ? EXCLUDED
                : new SeriesState(AnomalyDetector.create(config.scorer()));
    }

    private void sample(SeriesState state, String service, String metric, long timeMillis, double value,
            Consumer<Detection> sink) {
        if (state == EXCLUDED) {
            return;
        }
        double score = state.scorer.score(timeMillis, value);
        if (!state.learnt) {
            if (state.firstSeen == Long.MIN_VALUE) {
                state.firstSeen = timeMillis;
            }
            if (timeMillis - state.firstSeen < learningSpanMillis) {
                return; // scored, so it learns; too young to be told unusual
            }
            state.learnt = true;
        }
        if (score >= config.fireScore()) {
            state.calm = 0;
            if (!state.firing) {
                state.firing = true;
                state.peak = score;
                state.since = timeMillis;
                state.told = timeMillis;
                sink.accept(detection(Detection.Status.FIRING, service, metric, value, score, score, state, 0));
                return;
            }
            state.peak = Math.max(state.peak, score);
        } else if (!state.firing) {
            return;
        } else if (++state.calm >= config.calmSamples()) {
            state.firing = false;
            state.calm = 0;
            sink.accept(detection(Detection.Status.CLEARED, service, metric, value, score, state.peak, state,
                    timeMillis - state.since));
            return;
        }
        if (timeMillis - state.told >= repeatMillis) {
            // Not calm yet: the anomaly goes on.
            state.told = timeMillis;
            sink.accept(detection(Detection.Status.FIRING, service, metric, value, score, state.peak, state,
                    timeMillis - state.since));
        }
    }

    private Detection detection(Detection.Status status, String service, String metric, double value, double score,
            double peak, SeriesState state, long heldMillis) {
        boolean firing = status == Detection.Status.FIRING;
        String summary;
        if (!firing) {
            summary = metric + " of " + service + " is back to usual at " + Wording.number(value);
        } else if (heldMillis == 0) {
            summary = metric + " of " + service + " is unusual at " + Wording.number(value) + " (anomaly score "
                    + Wording.number(Math.round(score * 100) / 100.0) + ")";
        } else {
            summary = metric + " of " + service + " has been unusual for "
                    + Wording.duration(Duration.ofMillis(heldMillis)) + ", now " + Wording.number(value)
                    + " (peak anomaly score "
                    + Wording.number(Math.round(peak * 100) / 100.0) + ")";
        }
        Map<String, String> evidence = firing
                ? Map.of("score", Wording.number(score), "value", Wording.number(value),
                        "fireScore", Wording.number(config.fireScore()), "samples", Long.toString(state.scorer.samples()))
                : Map.of("score", Wording.number(score), "value", Wording.number(value),
                        "fireScore", Wording.number(config.fireScore()), "samples", Long.toString(state.scorer.samples()),
                        "peakScore", Wording.number(peak));
        Severity severity = peak >= 0.9 ? Severity.HIGH : Severity.MEDIUM;
        return new Detection(UUID.randomUUID().toString(), NAME, Detection.Kind.ANOMALY, status,
                new SeriesKey(service, metric), Categories.of(metric), "anomaly:" + metric, severity,
                Math.min(1, Math.max(0, peak)), summary, evidence, clock.instant());
    }

    /** One series: its scorer and whether it is firing, since when and when it last said so (sample time). */
    private static final class SeriesState {
        final AnomalyDetector scorer;
        boolean firing;
        /** Its first sample is at least the learning span old. */
        boolean learnt;
        /** The time of its first sample; {@link Long#MIN_VALUE} before it. */
        long firstSeen = Long.MIN_VALUE;
        int calm;
        double peak;
        long since;
        long told;

        SeriesState(AnomalyDetector scorer) {
            this.scorer = scorer;
        }
    }
}
