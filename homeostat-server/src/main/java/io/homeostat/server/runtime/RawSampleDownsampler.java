package io.homeostat.server.runtime;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides which raw metric samples are persisted: at most one per series (service and metric) per
 * interval of the clock, aligned to the epoch — the first to arrive in each interval; the others
 * are counted in {@link #skipped()} and not stored. Detection is not affected (it reads the bus,
 * not the store). The store's 1-minute rollups are computed from the raw rows, so they summarize
 * the kept samples, not every sample ingested. An interval of zero keeps every sample.
 *
 * <p>At most {@link #MAX_SERIES} series are tracked; when a new series would exceed that, the
 * tracking starts over (every series then keeps its next sample), so memory stays bounded.
 * Thread-safe.
 */
public final class RawSampleDownsampler {

    /** The interval by default: one second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** How many series are tracked at most. */
    public static final int MAX_SERIES = 100_000;

    private final Clock clock;
    private final long intervalMillis;
    private final Map<Series, Long> lastWindow = new ConcurrentHashMap<>();
    private final LongAdder kept = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    /**
     * Keeps at most one sample per series per {@code interval} of {@code clock}.
     *
     * @throws IllegalArgumentException if {@code interval} is negative or has a fraction of a millisecond
     */
    public RawSampleDownsampler(Clock clock, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
        long window = Math.floorDiv(clock.wallMillis(), intervalMillis);
        Series series = new Series(sample.service(), sample.metric());
        Long previous = lastWindow.get(series);
        boolean fresh;
        if (previous == null) {
            fresh = admitNew(series, window);
        } else {
            fresh = window > previous && lastWindow.replace(series, previous, window);
        }
        (fresh ? kept : skipped).increment();
        return fresh;
    }

    private boolean admitNew(Series series, long window) {
        if (lastWindow.size() >= MAX_SERIES) {
            lastWindow.clear();
        }
        return lastWindow.putIfAbsent(series, window) == null;
    }

    /** How many samples were kept for the store since start. */
    public long kept() {
        return kept.sum();
    }

    /** How many samples were not stored since start. */
    public long skipped() {
        return skipped.sum();
    }

    private record Series(String service, String metric) {}
}
