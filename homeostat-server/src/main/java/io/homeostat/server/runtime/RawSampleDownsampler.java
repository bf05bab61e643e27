package io.homeostat.server.runtime;

import io.homeostat.core.signal.MetricSample;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides which raw metric samples are persisted: at most one per series (service and metric) per
 * interval of the <em>sample's own time</em>, aligned to the epoch. So samples that reach the server
 * late (a batch an agent sends every few seconds, a backlog it replays after an outage, a database
 * outage on this side) are stored as they were taken, one per interval, not collapsed into the
 * interval they arrived in. The others are counted in {@link #skipped()} and not stored. Detection
 * is not affected (it reads the bus, not the store). The store's 1-minute rollups are computed from
 * the raw rows, so they summarize the kept samples, not every sample ingested. An interval of zero
 * keeps every sample.
 *
 * <p>Each series remembers the last {@link #RECENT_WINDOWS} intervals it kept; a sample is skipped
 * only when its interval is one of them. A sample is therefore never skipped unless a sample of its
 * interval was kept, in whatever order samples arrive; out of order, a sample of an interval kept
 * before the last few is kept again (a duplicate row for that interval, rather than a lost one),
 * e.g. when more than that many streams of one series (live samples and replays) interleave.
 *
 * <p>At most {@link #MAX_SERIES} series are tracked; when a new series would exceed that, the
 * tracking starts over (every series then keeps its next sample), so memory stays bounded.
 * Thread-safe: a series' state is an immutable value swapped by compare-and-set.
 */
public final class RawSampleDownsampler {

    /** The interval by default: one second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** How many series are tracked at most. */
    public static final int MAX_SERIES = 100_000;
    /** How many of its latest kept intervals each series remembers. */
    public static final int RECENT_WINDOWS = 4;

    private final long intervalMillis;
    private final Map<Series, Recent> recent = new ConcurrentHashMap<>();
    private final LongAdder kept = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    /**
     * Keeps at most one sample per series per {@code interval} of the samples' time.
     *
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is negative or has a fraction of a millisecond
     */
    public RawSampleDownsampler(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        if (interval.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("interval must be whole milliseconds, was " + interval);
        }
        this.intervalMillis = interval.toMillis();
    }

    /** Whether {@code sample} is to be stored; counts it as kept or skipped. */
    public boolean keep(MetricSample sample) {
        if (intervalMillis == 0) {
            kept.increment();
            return true;
        }
        long window = Math.floorDiv(sample.time().toEpochMilli(), intervalMillis);
        boolean fresh = admit(new Series(sample.service(), sample.metric()), window);
        (fresh ? kept : skipped).increment();
        return fresh;
    }

    private boolean admit(Series series, long window) {
        while (true) {
            Recent previous = recent.get(series);
            if (previous == null) {
                if (recent.size() >= MAX_SERIES) {
                    recent.clear();
                }
                if (recent.putIfAbsent(series, Recent.of(window)) == null) {
                    return true;
                }
            } else if (previous.contains(window)) {
                return false;
            } else if (recent.replace(series, previous, previous.with(window))) {
                return true;
            }
        }
    }

    /** How many samples were kept for the store since start. */
    public long kept() {
        return kept.sum();
    }

    /** How many samples were not stored since start (one of the same series and interval was). */
    public long skipped() {
        return skipped.sum();
    }

    private record Series(String service, String metric) {}

    /** The latest kept intervals of a series, newest last; compared by identity in the compare-and-set. */
    private static final class Recent {

        private final long[] windows;

        private Recent(long[] windows) {
            this.windows = windows;
        }

        static Recent of(long window) {
            return new Recent(new long[] {window});
        }

        boolean contains(long window) {
            for (long w : windows) {
                if (w == window) {
                    return true;
                }
            }
            return false;
        }

        Recent with(long window) {
            long[] next = windows.length < RECENT_WINDOWS ? Arrays.copyOf(windows, windows.length + 1)
                    : Arrays.copyOfRange(windows, 1, RECENT_WINDOWS + 1);
            next[next.length - 1] = window;
            return new Recent(next);
        }
    }
}
