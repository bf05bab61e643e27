package io.homeostat.core.record;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.TierKind;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a guard's calls did over a window: exact counts by outcome, and latency percentiles of
 * completed attempts. Latencies come from a log-linear histogram and are exact to within 12.5 %
 * for the attempts that were timed: every failure and timeout, and the successes sampled by
 * {@link RecorderConfig#successSampling()} (each weighted by the sampling, so with sampling the
 * percentiles are an unbiased estimate whose precision grows with the number of samples).
 *
 * @param name the guard
 * @param window the window this covers; {@link Duration#ZERO} for a total since start
 * @param attempts attempts that ran to an end (success, failure or timeout)
 * @param successes attempts that succeeded
 * @param failuresByCategory failed attempts per category, only categories seen
 * @param timeouts attempts cut off by the guard's deadline
 * @param rejected calls refused without an attempt (open circuit, full bulkhead)
 * @param fallbacks calls answered by a fallback tier, per tier kind seen
 * @param retries attempts after the first
 * @param p50Nanos median latency of completed attempts, 0 if none was timed
 * @param p95Nanos 95th percentile latency, 0 if none
 * @param p99Nanos 99th percentile latency, 0 if none
 * @param maxNanos an upper bound of the longest timed latency, 0 if none
 */
public record OperationSnapshot(
        String name,
        Duration window,
        long attempts,
        long successes,
        Map<ErrorCategory, Long> failuresByCategory,
        long timeouts,
        long rejected,
        Map<TierKind, Long> fallbacks,
        long retries,
        long p50Nanos,
        long p95Nanos,
        long p99Nanos,
        long maxNanos) {

    public OperationSnapshot {
        failuresByCategory = copyOf(failuresByCategory, ErrorCategory.class);
        fallbacks = copyOf(fallbacks, TierKind.class);
    }

    private static <K extends Enum<K>> Map<K, Long> copyOf(Map<K, Long> map, Class<K> type) {
        EnumMap<K, Long> copy = new EnumMap<>(type);
        copy.putAll(map);
        return Collections.unmodifiableMap(copy);
    }

    static OperationSnapshot of(String name, Duration window, long[] histogram, long untimedSuccesses,
            long sampleExcess, long[] failures, long timeouts, long rejected, long[] fallbacks, long retries) {
        long timed = 0;
        for (long count : histogram) {
            timed += count;
        }
        Map<ErrorCategory, Long> byCategory = new EnumMap<>(ErrorCategory.class);
        long failed = 0;
        for (ErrorCategory category : ErrorCategory.values()) {
            long count = failures[category.ordinal()];
            if (count > 0) {
                byCategory.put(category, count);
                failed += count;
            }
        }
        Map<TierKind, Long> byTier = new EnumMap<>(TierKind.class);
        for (TierKind kind : TierKind.values()) {
            if (fallbacks[kind.ordinal()] > 0) {
                byTier.put(kind, fallbacks[kind.ordinal()]);
            }
        }
        long successes = Math.max(0, timed - sampleExcess - failed - timeouts + untimedSuccesses);
        return new OperationSnapshot(name, window, successes + failed + timeouts, successes, byCategory,
                timeouts, rejected, byTier, retries,
                percentile(histogram, timed, 0.50), percentile(histogram, timed, 0.95),
                percentile(histogram, timed, 0.99), max(histogram));
    }

    /** Failed attempts, all categories. */
    public long failures() {
        long sum = 0;
        for (long count : failuresByCategory.values()) {
            sum += count;
        }
        return sum;
    }

    /** Failures and timeouts as a share of attempts, in [0, 1]; 0 when nothing ran. */
    public double errorRate() {
        return attempts == 0 ? 0 : (double) (failures() + timeouts) / attempts;
    }

    /** Calls answered by any fallback tier. */
    public long fallbacksServed() {
        long sum = 0;
        for (long count : fallbacks.values()) {
            sum += count;
        }
        return sum;
    }

    private static long percentile(long[] histogram, long total, double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int slot = 0; slot < histogram.length; slot++) {
            seen += histogram[slot];
            if (seen >= rank) {
                return LatencyScale.midpoint(slot);
            }
        }
        return LatencyScale.midpoint(histogram.length - 1);
    }

    private static long max(long[] histogram) {
        for (int slot = histogram.length - 1; slot >= 0; slot--) {
            if (histogram[slot] > 0) {
                return LatencyScale.upperBound(slot);
            }
        }
        return 0;
    }
}
