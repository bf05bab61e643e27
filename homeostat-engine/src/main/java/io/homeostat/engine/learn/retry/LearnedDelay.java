package io.homeostat.engine.learn.retry;

import io.homeostat.core.retry.DelayAdvisor;
import java.time.Duration;
import java.time.Instant;

/**
 * One dependency's learned recovery time, and the {@link DelayAdvisor} reading it. Outcomes are
 * fed under a lock (off the hot path); {@link #adviseNanos} reads one volatile field and allocates
 * nothing.
 */
final class LearnedDelay implements DelayAdvisor {

    private final RecoveryDelayConfig config;
    private final long floorNanos;
    private final long ceilingNanos;
    /** The moving average of recovery times, or -1 before the first recovery. */
    private volatile long learnedNanos = -1;
    private long recoveries;
    private Instant outageStart;

    LearnedDelay(RecoveryDelayConfig config) {
        this.config = config;
        this.floorNanos = config.floor().toNanos();
        this.ceilingNanos = config.ceiling().toNanos();
    }

    synchronized void failure(Instant time) {
        if (outageStart == null || time.isBefore(outageStart)) {
            outageStart = time;
        }
    }

    synchronized void success(Instant time) {
        if (outageStart == null || time.isBefore(outageStart)) {
            return;
        }
        long sample = clamp(Duration.between(outageStart, time).toNanos());
        long current = learnedNanos;
        learnedNanos = current < 0 ? sample : Math.round(current + config.smoothing() * (sample - current));
        recoveries++;
        outageStart = null;
    }

    /** The learned recovery time in nanoseconds, -1 before the first recovery. */
    long learnedNanos() {
        return learnedNanos;
    }

    synchronized long recoveries() {
        return recoveries;
    }

    /** The learned recovery time grown per further attempt, within the bounds; -1 (no advice) before any was learned. */
    @Override
    public long adviseNanos(int failedAttempt, long computedNanos) {
        long learned = learnedNanos;
        if (learned < 0) {
            return -1;
        }
        double grown = learned * Math.pow(config.growth(), Math.max(0, failedAttempt - 1));
        return grown >= ceilingNanos ? ceilingNanos : clamp((long) grown);
    }

    private long clamp(long nanos) {
        return Math.min(ceilingNanos, Math.max(floorNanos, nanos));
    }
}
