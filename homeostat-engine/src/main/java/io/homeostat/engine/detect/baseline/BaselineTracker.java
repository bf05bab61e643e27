package io.homeostat.engine.detect.baseline;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import io.homeostat.engine.detect.internal.SeriesTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps the {@link Baseline}s of every series it is fed, for each {@link BaselineWindow}, streaming:
 * a sample updates one 15-minute bucket (a few arithmetic operations and one logarithm) and
 * allocates nothing in steady state; each closed 15-minute bucket is rolled into the day and week
 * windows' buckets. Memory per series is bounded by the buckets of the three windows (5 + 7 + 8),
 * each about 60 bytes (statistics in primitive arrays, one histogram array) plus 8 bytes per
 * distinct histogram bin it holds (bins are 10 % wide, so a
 * series whose values span a factor of two fills about 8 per bucket; at most 256).
 *
 * <p>When a window moves on to a new bucket, its fresh baseline goes to the listener given at
 * creation (e.g. a {@link io.homeostat.engine.port.BaselineStore}'s {@code save}), on the feeding
 * thread; the listener should be quick. Time is the samples' own.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class BaselineTracker implements SeriesTable.Member {

    /** The default limits: 100,000 series, forgotten after a week without a sample. */
    public static final SeriesLimits DEFAULT_LIMITS = SeriesLimits.defaults().withIdleAfter(Duration.ofDays(7));

    private static final BaselineWindow[] WINDOWS = BaselineWindow.values();

    private final Consumer<Baseline> listener;
    private final SeriesTable.Stage<SeriesBaseline> stage;

    private BaselineTracker(SeriesLimits limits, Consumer<Baseline> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stage = SeriesTable.Stage.of(limits, (service, metric) -> new SeriesBaseline(), state -> false,
                (state, service, metric, time, value, sink) -> sample(state, service, metric, time, value));
    }

    /** A tracker with {@link #DEFAULT_LIMITS} that tells no one when windows move. */
    public static BaselineTracker create() {
        return create(DEFAULT_LIMITS, baseline -> {});
    }

    /**
     * A tracker with {@code limits} that hands every fresh baseline to {@code listener}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static BaselineTracker create(SeriesLimits limits, Consumer<Baseline> listener) {
        return new BaselineTracker(limits, listener);
    }

    /**
     * Adds one sample of {@code (service, metric)}. Non-finite values are ignored.
     *
     * @param timeMillis the sample's time, epoch milliseconds
     */
    public void sample(String service, String metric, long timeMillis, double value) {
        if (Double.isFinite(value)) {
            stage.sample(service, metric, timeMillis, value, null);
        }
    }

    /** Internal: its per-series state, which a chain keeps in its shared table. */
    @Override
    public SeriesTable.Stage<?> seriesStage() {
        return stage;
    }

    private void sample(SeriesBaseline state, String service, String metric, long timeMillis, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        int moved = state.add(timeMillis, value, LogHistogram.key(value));
        if (moved != 0) {
            SeriesKey series = new SeriesKey(service, metric);
            for (BaselineWindow window : WINDOWS) {
                if ((moved & (1 << window.ordinal())) != 0) {
                    Baseline fresh = state.baseline(series, window, timeMillis);
                    if (fresh != null) {
                        listener.accept(fresh);
                    }
                }
            }
        }
    }

    /**
     * The baseline of {@code series} over {@code window} as of {@code now}: the samples in the
     * bucket holding {@code now} and the window's whole buckets before it.
     *
     * @return empty if the series is not tracked or has no sample in that span
     */
    public Optional<Baseline> baseline(SeriesKey series, BaselineWindow window, Instant now) {
        SeriesBaseline state = stage.peek(series.service(), series.metric());
        if (state == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(state.baseline(series, window, now.toEpochMilli()));
    }

    /** Series tracked now. */
    public int series() {
        return stage.size();
    }

    /** New series not tracked because the limit was reached. */
    public long untracked() {
        return stage.untracked();
    }
}
