package io.homeostat.demo.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults an {@link Upstream} is told to show, as one value. Immutable; {@link #NONE} is a
 * healthy upstream. Faults combine: a slow upstream can also fail a share of its calls.
 *
 * @param latency extra time before every answer; zero for none
 * @param errorRate the share of calls answered with HTTP 500, in [0, 1]
 * @param outage whether every call is answered with HTTP 503
 * @param refusing whether the upstream's port is closed, so connections are refused
 * @param leakMbPerSecond how fast the upstream's (simulated) memory grows, MB per second; 0 for none
 * @param flapPeriod when positive, the upstream alternates between healthy and an outage every period
 */
public record FaultState(
        Duration latency, double errorRate, boolean outage, boolean refusing, double leakMbPerSecond, Duration flapPeriod) {

    /** No fault at all. */
    public static final FaultState NONE = new FaultState(Duration.ZERO, 0, false, false, 0, Duration.ZERO);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public FaultState {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(flapPeriod, "flapPeriod");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be in [0, 1], was " + errorRate);
        }
        if (!(leakMbPerSecond >= 0) || Double.isInfinite(leakMbPerSecond)) {
            throw new IllegalArgumentException("leakMbPerSecond must be a non-negative number, was " + leakMbPerSecond);
        }
        if (flapPeriod.isNegative()) {
            throw new IllegalArgumentException("flapPeriod must not be negative, was " + flapPeriod);
        }
    }

    public FaultState withLatency(Duration latency) {
        return new FaultState(latency, errorRate, outage, refusing, leakMbPerSecond, flapPeriod);
    }

    public FaultState withErrorRate(double errorRate) {
        return new FaultState(latency, errorRate, outage, refusing, leakMbPerSecond, flapPeriod);
    }

    public FaultState withOutage(boolean outage) {
        return new FaultState(latency, errorRate, outage, refusing, leakMbPerSecond, flapPeriod);
    }

    public FaultState withRefusing(boolean refusing) {
        return new FaultState(latency, errorRate, outage, refusing, leakMbPerSecond, flapPeriod);
    }

    public FaultState withLeak(double leakMbPerSecond) {
        return new FaultState(latency, errorRate, outage, refusing, leakMbPerSecond, flapPeriod);
    }

    public FaultState withFlapping(Duration flapPeriod) {
        return new FaultState(latency, errorRate, outage, refusing, leakMbPerSecond, flapPeriod);
    }

    /** Whether any fault is set. */
    public boolean faulty() {
        return !equals(NONE);
    }
}
