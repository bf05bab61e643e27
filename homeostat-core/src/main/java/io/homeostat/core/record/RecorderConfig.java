package io.homeostat.core.record;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How an {@link OperationRecorder} keeps its rolling window.
 *
 * @param window how far back {@link OperationRecorder#snapshot(long)} looks (default 60 s)
 * @param interval the granularity of the window: counts roll in steps of this size (default 5 s);
 *     the window must be a whole number of intervals, at most 720
 * @param successSampling record one success in this many, weighted by it (default 1: every
 *     success); failures, timeouts, rejections and fallbacks are always recorded
 */
public record RecorderConfig(Duration window, Duration interval, int successSampling) {

    private static final RecorderConfig DEFAULTS = new RecorderConfig(Duration.ofSeconds(60), Duration.ofSeconds(5), 1);

    public RecorderConfig {
        Durations.requirePositive(window, "window");
        Durations.requirePositive(interval, "interval");
        long intervals = window.toNanos() / interval.toNanos();
        if (window.toNanos() % interval.toNanos() != 0 || intervals > 720) {
            throw new IllegalArgumentException("window must be a whole number of intervals (at most 720), was "
                    + window + " / " + interval);
        }
        if (successSampling < 1) {
            throw new IllegalArgumentException("successSampling must be at least 1, was " + successSampling);
        }
    }

    /** 60 s window in 5 s intervals, every success recorded. */
    public static RecorderConfig defaults() {
        return DEFAULTS;
    }

    /** This config with another window and interval. */
    public RecorderConfig withWindow(Duration window, Duration interval) {
        return new RecorderConfig(window, interval, successSampling);
    }

    /** This config recording one success in {@code every}. */
    public RecorderConfig withSuccessSampling(int every) {
        return new RecorderConfig(window, interval, every);
    }
}
