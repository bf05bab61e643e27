package io.homeostat.engine.detect.baseline;

import java.time.Duration;

/**
 * The spans a baseline covers. Each is kept as a ring of time buckets aligned to the epoch; the
 * window at a time {@code t} is the bucket holding {@code t} and the {@link #buckets()} buckets
 * before it, so it covers between {@link #length()} and {@link #length()} plus one
 * {@link #bucket()} of samples, and moves on one bucket at a time.
 */
public enum BaselineWindow {
    /** The last hour, in 15-minute buckets. */
    HOUR(Duration.ofHours(1), Duration.ofMinutes(15)),
    /** The last day, in 4-hour buckets. */
    DAY(Duration.ofDays(1), Duration.ofHours(4)),
    /** The last week, in 1-day buckets. */
    WEEK(Duration.ofDays(7), Duration.ofDays(1));

    private final Duration length;
    private final Duration bucket;

    BaselineWindow(Duration length, Duration bucket) {
        this.length = length;
        this.bucket = bucket;
    }

    /** The span, e.g. 1 h. */
    public Duration length() {
        return length;
    }

    /** The bucket the window moves by, e.g. 15 min. */
    public Duration bucket() {
        return bucket;
    }

    /** Whole buckets in {@link #length()}; the ring holds one more (the current one). */
    public int buckets() {
        return (int) (length.toMillis() / bucket.toMillis());
    }
}
