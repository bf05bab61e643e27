package io.homeostat.demo.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault of a chaos schedule: what breaks, where, when (offset from the start of the run) and
 * for how long, with the strength its kind reads. Immutable.
 *
 * @param name a label for the report, e.g. {@code provider outage}
 * @param kind what breaks
 * @param target the service it breaks (for a cascade: the root, whose dependents fail with it)
 * @param at when it starts, from the start of the run; not negative
 * @param duration how long it lasts; positive
 * @param latency the extra latency of a latency spike (zero otherwise)
 * @param errorRate the share of failing calls of an error burst, in (0, 1] (zero otherwise)
 * @param leakMbPerSecond the growth of a memory leak (zero otherwise)
 * @param flapPeriod the half-period of a flapping dependency (zero otherwise)
 */
public record FaultSpec(String name, FaultKind kind, String target, Duration at, Duration duration, Duration latency,
        double errorRate, double leakMbPerSecond, Duration flapPeriod) {

    /** The latency a spike adds unless the schedule says. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(2000);
    /** The error rate of a burst unless the schedule says. */
    public static final double DEFAULT_ERROR_RATE = 0.6;
    /** The growth of a leak unless the schedule says, MB per second. */
    public static final double DEFAULT_LEAK = 20;
    /** The half-period of flapping unless the schedule says. */
    public static final Duration DEFAULT_FLAP_PERIOD = Duration.ofSeconds(2);

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field if a value is out of range
     */
    public FaultSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(flapPeriod, "flapPeriod");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at must not be negative, was " + at);
        }
        if (!duration.isPositive()) {
            throw new IllegalArgumentException("for must be positive, was " + duration);
        }
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("error_rate must be in (0, 1], was " + errorRate);
        }
    }

    /** A fault of {@code kind} with its kind's default strength. */
    public static FaultSpec of(String name, FaultKind kind, String target, Duration at, Duration duration) {
        return new FaultSpec(name, kind, target, at, duration,
                kind == FaultKind.LATENCY_SPIKE ? DEFAULT_LATENCY : Duration.ZERO,
                kind == FaultKind.ERROR_BURST ? DEFAULT_ERROR_RATE : 0,
                kind == FaultKind.MEMORY_LEAK ? DEFAULT_LEAK : 0,
                kind == FaultKind.FLAPPING ? DEFAULT_FLAP_PERIOD : Duration.ZERO);
    }

    /** When it ends, from the start of the run. */
    public Duration end() {
        return at.plus(duration);
    }

    /** This fault starting at {@code newAt}. */
    public FaultSpec startingAt(Duration newAt) {
        return new FaultSpec(name, kind, target, newAt, duration, latency, errorRate, leakMbPerSecond, flapPeriod);
    }
}
