package io.homeostat.engine.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One holding of a {@link Lease}: who holds it, under which fencing token, until when. Immutable.
 *
 * @param lease the lease's name
 * @param holder the replica holding it
 * @param token the fencing token, larger than the token of every earlier holding of this lease;
 *     actions carry it and are refused once {@link Lease#validate(long)} says it is stale
 * @param expiresAt when the holding ends unless renewed, as the holder's clock estimates it (an
 *     implementation backed by a server may let it end a little later, never earlier)
 */
public record LeaseGrant(String lease, String holder, long token, Instant expiresAt) {

    /**
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if a name is blank or the token is not positive
     */
    public LeaseGrant {
        Lease.requireName(lease, "lease");
        Lease.requireName(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (token <= 0) {
            throw new IllegalArgumentException("token must be positive, was " + token);
        }
    }
}
