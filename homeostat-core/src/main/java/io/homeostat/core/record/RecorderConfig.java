package io.homeostat.core.record;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * How an {@link OperationRecorder} keeps its rolling window.
 *
 * @param window how far back {@link OperationRecorder#snapshot(long)} looks (default 60 s)
 * @param interval the granularity of the window: counts roll in steps of this size (default 5 s);
 *     the window must be a whole number of intervals, at most 720
 * @param successSampling for a guard that need not time every call, time one success in this
 *     many, chosen at random, its latency weighing this many (default 8; 1 times every success).
 *     Every success is still counted, every failure and timeout is timed, and so is the first
 *     success on a thread stripe after 100 ms without a timed one, so a quiet guard (under about
 *     ten calls a second per stripe) times every call. What it buys: a guard whose breaker has no
 *     slow-call check, no timeout and no latency-driven bulkhead reads the clock once per untimed
 *     success instead of twice. What it costs: under load the success percentiles rest on a
 *     sample (at least one in this many, e.g. 750 of 6000 successes in a minute): an unbiased
 *     estimate, coarser in the far tail than timing everything
 */
public record RecorderConfig(Duration window, Duration interval, int successSampling) {

    private static final RecorderConfig DEFAULTS = new RecorderConfig(Duration.ofSeconds(60), Duration.ofSeconds(5), 8);

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

    /** 60 s window in 5 s intervals, one success in 8 timed (every success counted). */
    public static RecorderConfig defaults() {
        return DEFAULTS;
    }

    /** This config with another window and interval. */
    public RecorderConfig withWindow(Duration window, Duration interval) {
        return new RecorderConfig(window, interval, successSampling);
    }

    /** This config timing one success in {@code every} (1: every success). */
    public RecorderConfig withSuccessSampling(int every) {
        return new RecorderConfig(window, interval, every);
    }
}
