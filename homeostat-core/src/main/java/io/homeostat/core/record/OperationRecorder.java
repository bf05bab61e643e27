package io.homeostat.core.record;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.TierKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Counts how the calls through one guard end, with their latency, over a rolling window.
 *
 * <p>Every outcome is counted exactly. Latency goes into a log-linear histogram (within 12.5 %)
 * from the attempts that were timed: every failure and timeout, and the successes the caller timed
 * (every one, or those {@link #latencyWeight} picked, each weighing the inverse of its chance of
 * being picked, so the percentiles estimate those of all attempts). A success costs one atomic add
 * and no allocation (a sampled one with weight above 1, two); the histogram's slot doubles as the
 * success counter. Counts are striped by thread so two threads rarely touch the same cache line.
 * Time moves in intervals: the first writer past an interval's end rotates it out; a rotated
 * interval is summed into the history one interval later, by which time no writer still holds it,
 * so no count is lost and none is counted twice.
 *
 * <p>Thread-safe. Recording is lock-free; rotation (once per interval) and snapshots take a lock.
 */
public final class OperationRecorder {

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int STRIPES = 4;
    private static final int FAILURE_CATEGORIES = ErrorCategory.values().length;
    static final long QUIET_GAP_MILLIS = 100;
    private static final long QUIET_GAP_NANOS = QUIET_GAP_MILLIS * 1_000_000L;
    /** Longs per cache line: {@link #lastTimed} keeps one per stripe, a line apart. */
    private static final int LINE = 8;

    private final String name;
    private final RecorderConfig config;
    private final long intervalNanos;
    private final long windowNanos;
    private final long originNanos;
    private final int successSampling;

    private volatile Interval active;
    // Guarded by this: intervals rotated out less than one interval ago, which a writer that read
    // them just before the rotation may still add to; and zeroed arrays ready for reuse.
    private final ArrayDeque<Cooling> cooling = new ArrayDeque<>(2);
    private final ArrayDeque<long[]> spares = new ArrayDeque<>(2);
    private final long[][] history;
    private final long[] historyStart;
    private int historyNext;
    private final long[] cumulative = new long[Counters.USED];
    /** Per stripe, when a success was last timed; racy by design (a hint for sampling). */
    private final long[] lastTimed = new long[STRIPES * LINE];

    private OperationRecorder(String name, RecorderConfig config, long nowNanos) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.intervalNanos = config.interval().toNanos();
        this.windowNanos = config.window().toNanos();
        this.originNanos = nowNanos;
        this.successSampling = config.successSampling();
        int slots = (int) (windowNanos / intervalNanos) + 1;
        this.history = new long[slots][Counters.USED];
        this.historyStart = new long[slots];
        Arrays.fill(historyStart, Long.MIN_VALUE);
        this.active = new Interval(nowNanos, nowNanos + intervalNanos, new long[STRIPES * Counters.STRIDE]);
        Arrays.fill(lastTimed, nowNanos - QUIET_GAP_NANOS);
    }

    /**
     * A recorder whose first interval starts at {@code nowNanos}, the monotonic time of the clock
     * that will drive it.
     */
    public static OperationRecorder create(String name, RecorderConfig config, long nowNanos) {
        return new OperationRecorder(name, config, nowNanos);
    }

    /** The name of the guard this recorder counts for. */
    public String name() {
        return name;
    }

    /** The configuration. */
    public RecorderConfig config() {
        return config;
    }

    /**
     * How much the latency of the next success should weigh if the caller times it, or 0 if the
     * caller need not time it: 1 (time it, it stands for itself) with sampling 1, and for the
     * first success on a thread stripe after {@value #QUIET_GAP_MILLIS} ms without a timed one,
     * so quiet guards time every call; otherwise {@link RecorderConfig#successSampling()} for one
     * call in that many, at random, and 0 for the rest. Each timed success weighs the inverse of
     * its chance of being timed, so the percentiles are an unbiased estimate. Report the success
     * with {@link #recordSampledSuccess} if this returned a weight, else with
     * {@link #recordUntimedSuccess}. Thread-safe, allocation-free.
     *
     * @param nowNanos the monotonic time the call started
     */
    public long latencyWeight(long nowNanos) {
        if (successSampling == 1) {
            return 1;
        }
        int index = stripe() * LINE;
        if (nowNanos - lastTimed[index] >= QUIET_GAP_NANOS) {
            lastTimed[index] = nowNanos;
            return 1;
        }
        if (ThreadLocalRandom.current().nextInt(successSampling) != 0) {
            return 0;
        }
        lastTimed[index] = nowNanos;
        return successSampling;
    }

    /**
     * An attempt that succeeded after {@code latencyNanos}, at monotonic time {@code nowNanos}:
     * counted, its latency in the histogram. One atomic add.
     */
    public void recordSuccess(long nowNanos, long latencyNanos) {
        add(nowNanos, Counters.HISTOGRAM + LatencyScale.slot(latencyNanos), 1);
    }

    /**
     * A success timed because {@link #latencyWeight} returned {@code weight}: counted once, its
     * latency in the histogram standing for {@code weight} successes. One atomic add for weight
     * 1, two otherwise.
     *
     * @throws IllegalArgumentException if {@code weight} is less than 1
     */
    public void recordSampledSuccess(long nowNanos, long latencyNanos, long weight) {
        if (weight == 1) {
            recordSuccess(nowNanos, latencyNanos);
            return;
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
        long[] counts = interval(nowNanos).counts;
        int base = stripe() * Counters.STRIDE;
        LONGS.getAndAdd(counts, base + Counters.HISTOGRAM + LatencyScale.slot(latencyNanos), weight);
        LONGS.getAndAdd(counts, base + Counters.SAMPLE_EXCESS, weight - 1);
    }

    /**
     * A success the caller did not time because {@link #latencyWeight} returned 0, at monotonic
     * time {@code nowNanos} (the call's start will do): counted, no latency. One atomic add.
     */
    public void recordUntimedSuccess(long nowNanos) {
        add(nowNanos, Counters.UNTIMED_SUCCESSES, 1);
    }

    /** An attempt that failed with {@code category} after {@code latencyNanos}. */
    public void recordFailure(long nowNanos, long latencyNanos, ErrorCategory category) {
        long[] counts = interval(nowNanos).counts;
        int base = stripe() * Counters.STRIDE;
        LONGS.getAndAdd(counts, base + Counters.HISTOGRAM + LatencyScale.slot(latencyNanos), 1L);
        LONGS.getAndAdd(counts, base + Counters.FAILURES + category.ordinal(), 1L);
    }

    /** An attempt cut off by the guard's deadline after {@code latencyNanos}. */
    public void recordTimeout(long nowNanos, long latencyNanos) {
        long[] counts = interval(nowNanos).counts;
        int base = stripe() * Counters.STRIDE;
        LONGS.getAndAdd(counts, base + Counters.HISTOGRAM + LatencyScale.slot(latencyNanos), 1L);
        LONGS.getAndAdd(counts, base + Counters.TIMEOUTS, 1L);
    }

    /** A call refused by the guard (open circuit, full bulkhead) without being made. */
    public void recordRejected(long nowNanos) {
        add(nowNanos, Counters.REJECTED, 1);
    }

    /** A call answered by the fallback tier of kind {@code tier}. */
    public void recordFallback(long nowNanos, TierKind tier) {
        add(nowNanos, Counters.FALLBACKS + tier.ordinal(), 1);
    }

    /** A retry: an attempt after the first. */
    public void recordRetry(long nowNanos) {
        add(nowNanos, Counters.RETRIES, 1);
    }

    /** What the window ending at {@code nowNanos} holds. */
    public OperationSnapshot snapshot(long nowNanos) {
        long[] sum = new long[Counters.USED];
        synchronized (this) {
            long from = nowNanos - windowNanos;
            for (int i = 0; i < history.length; i++) {
                if (historyStart[i] != Long.MIN_VALUE && historyStart[i] >= from && historyStart[i] <= nowNanos) {
                    addInto(sum, history[i]);
                }
            }
            for (Cooling c : cooling) {
                sumStripes(c.interval, from, nowNanos, sum);
            }
            sumStripes(active, from, nowNanos, sum);
        }
        return snapshotOf(sum, config.window());
    }

    /** Everything recorded since this recorder was created. */
    public OperationSnapshot total() {
        long[] sum = new long[Counters.USED];
        synchronized (this) {
            addInto(sum, cumulative);
            for (Cooling c : cooling) {
                sumStripes(c.interval, Long.MIN_VALUE, Long.MAX_VALUE, sum);
            }
            sumStripes(active, Long.MIN_VALUE, Long.MAX_VALUE, sum);
        }
        return snapshotOf(sum, Duration.ZERO);
    }

    private void add(long nowNanos, int counter, long delta) {
        LONGS.getAndAdd(interval(nowNanos).counts, stripe() * Counters.STRIDE + counter, delta);
    }

    private Interval interval(long nowNanos) {
        Interval current = active;
        return nowNanos < current.endNanos ? current : rotate(nowNanos);
    }

    private synchronized Interval rotate(long nowNanos) {
        Interval current = active;
        if (nowNanos < current.endNanos) {
            return current;
        }
        while (!cooling.isEmpty() && nowNanos - cooling.peekFirst().rotatedAtNanos >= intervalNanos) {
            Interval done = cooling.pollFirst().interval;
            harvest(done);
            Arrays.fill(done.counts, 0L);
            spares.push(done.counts);
        }
        long start = nowNanos - Math.floorMod(nowNanos - originNanos, intervalNanos);
        long[] counts = spares.isEmpty() ? new long[STRIPES * Counters.STRIDE] : spares.pop();
        Interval next = new Interval(start, start + intervalNanos, counts);
        cooling.addLast(new Cooling(current, nowNanos));
        active = next;
        return next;
    }

    // Guarded by this.
    private void harvest(Interval done) {
        long[] totals = history[historyNext];
        Arrays.fill(totals, 0L);
        sumStripes(done, Long.MIN_VALUE, Long.MAX_VALUE, totals);
        historyStart[historyNext] = done.startNanos;
        historyNext = (historyNext + 1) % history.length;
        addInto(cumulative, totals);
    }

    private static void sumStripes(Interval interval, long from, long to, long[] into) {
        if (interval == null || interval.startNanos < from || interval.startNanos > to) {
            return;
        }
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            int base = stripe * Counters.STRIDE;
            for (int i = 0; i < Counters.USED; i++) {
                into[i] += (long) LONGS.getOpaque(interval.counts, base + i);
            }
        }
    }

    private static void addInto(long[] into, long[] from) {
        for (int i = 0; i < Counters.USED; i++) {
            into[i] += from[i];
        }
    }

    private OperationSnapshot snapshotOf(long[] sum, Duration window) {
        long[] histogram = new long[LatencyScale.SLOTS];
        System.arraycopy(sum, Counters.HISTOGRAM, histogram, 0, LatencyScale.SLOTS);
        long[] failures = new long[FAILURE_CATEGORIES];
        System.arraycopy(sum, Counters.FAILURES, failures, 0, FAILURE_CATEGORIES);
        long[] fallbacks = new long[TierKind.values().length];
        System.arraycopy(sum, Counters.FALLBACKS, fallbacks, 0, fallbacks.length);
        return OperationSnapshot.of(name, window, histogram, sum[Counters.UNTIMED_SUCCESSES],
                sum[Counters.SAMPLE_EXCESS], failures, sum[Counters.TIMEOUTS], sum[Counters.REJECTED], fallbacks,
                sum[Counters.RETRIES]);
    }

    /**
     * The calling thread's stripe: the low bits of its id, so threads created one after another
     * (a pool, a benchmark's workers) land on different stripes.
     */
    private static int stripe() {
        return (int) Thread.currentThread().threadId() & (STRIPES - 1);
    }

    private record Interval(long startNanos, long endNanos, long[] counts) {}

    private record Cooling(Interval interval, long rotatedAtNanos) {}
}
