package io.homeostat.engine.diagnose;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an incident touches. Immutable and thread-safe.
 *
 * @param affectedServices the failing services and every service that depends on the root,
 *     directly or transitively, root first; never empty
 * @param trafficShare the share of all traffic seen in the window that goes through the affected
 *     services, in [0, 1]; 0 when {@code basis} is {@link Basis#NONE}
 * @param basis what the share was measured from
 */
public record Impact(Set<String> affectedServices, double trafficShare, Basis basis) {

    /** What the traffic share was measured from. */
    public enum Basis {
        /** The last {@code calls.rate} of each service (the operation sampler's calls per second). */
        CALLS_RATE,
        /** Counts of operation outcomes per service in the window, when no rates were seen. */
        OUTCOME_COUNTS,
        /** No traffic was seen: the share is unknown and reads 0. */
        NONE
    }

    /** @throws IllegalArgumentException if no service is named or the share is outside [0, 1] */
    public Impact {
        affectedServices = Collections.unmodifiableSet(new LinkedHashSet<>(affectedServices));
        if (affectedServices.isEmpty()) {
            throw new IllegalArgumentException("an impact names at least one service");
        }
        Confidence.require(trafficShare, "trafficShare");
        Objects.requireNonNull(basis, "basis");
    }
}
