package io.homeostat.server.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A service's health over one bucket of {@link ServiceHealth#BUCKET}. Immutable.
 *
 * @param start where the bucket starts (aligned to the epoch)
 * @param calls guarded calls that ended in it
 * @param failures those that did not succeed (failed, timed out, rejected, served by a fallback)
 * @param status {@code down} if a circuit opened or a health check was unhealthy in it;
 *     {@code degraded} if a check was degraded, a circuit half-open, or 5 % or more of the calls
 *     failed; else {@code up}
 */
public record HealthBucket(Instant start, long calls, long failures, String status) {

    public HealthBucket {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(status, "status");
    }
}
