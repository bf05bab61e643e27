package io.homeostat.engine.port;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A named leadership lease with a fencing token: at most one replica holds it at a time, for a
 * time to live ({@link #ttl()}) that the holder extends by {@link #renew renewing} well before it
 * ends. Every new holding gets a token larger than all before it, so an action started by a
 * leader that has since been deposed (it paused, lost its connection, its lease ran out and
 * another replica took over) is refused: the action's executor calls {@link #validate(long)}
 * with the token the action carries, at the moment it acts.
 *
 * <p>Several replicas use the same lease through their own instances (or through one shared
 * instance, naming themselves as {@code holder}). Implementations are thread-safe. Methods that
 * reach a remote store throw {@link LeaseUnavailableException} when it cannot be reached.
 */
public interface Lease {

    /** The lease's name, e.g. {@code planner}. */
    String name();

    /** How long a holding lasts without renewal. */
    Duration ttl();

    /**
     * Takes the lease for {@code holder} if no one holds it. A holder that already holds it gets
     * its holding back, renewed, under the same token.
     *
     * @return the holding, or empty if another replica holds the lease
     * @throws IllegalArgumentException if {@code holder} is blank
     * @throws LeaseUnavailableException if the store cannot be reached
     */
    Optional<LeaseGrant> tryAcquire(String holder);

    /**
     * Extends {@code grant} by {@link #ttl()} from now, if it is still the current holding (same
     * holder, same token, not expired).
     *
     * @return the extended holding, or empty if the lease was lost: the caller is no longer leader
     * @throws IllegalArgumentException if {@code grant} is for another lease
     * @throws LeaseUnavailableException if the store cannot be reached
     */
    Optional<LeaseGrant> renew(LeaseGrant grant);

    /**
     * Gives the lease up if {@code grant} is still the current holding; otherwise does nothing.
     *
     * @return true if it was released by this call
     * @throws IllegalArgumentException if {@code grant} is for another lease
     * @throws LeaseUnavailableException if the store cannot be reached
     */
    boolean release(LeaseGrant grant);

    /**
     * Whether {@code token} is the token of the current, unexpired holding. Executors call it
     * right before an action takes effect and refuse the action when it is false.
     *
     * @throws LeaseUnavailableException if the store cannot be reached (treat as refused)
     */
    boolean validate(long token);

    /**
     * The current holding, if any.
     *
     * @throws LeaseUnavailableException if the store cannot be reached
     */
    Optional<LeaseGrant> current();

    /** Shared check for names and holders: not null, not blank. */
    static String requireName(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
