package io.homeostat.core.degrade;

import java.time.Instant;
import java.util.Objects;

/**
 * The service moved from one degradation level to another. Immutable, thread-safe.
 *
 * @param reason why, in words, e.g. {@code db:primary unhealthy}; never null
 * @param time when (wall time of the degradation's clock)
 */
public record DegradationChange(DegradationLevel from, DegradationLevel to, String reason, Instant time) {

    /** @throws IllegalArgumentException if {@code from} equals {@code to} */
    public DegradationChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
        if (from == to) {
            throw new IllegalArgumentException("a change needs two different levels, both were " + from);
        }
    }
}
