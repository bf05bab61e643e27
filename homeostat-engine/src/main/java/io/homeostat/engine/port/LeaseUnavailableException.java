package io.homeostat.engine.port;

/**
 * The store behind a {@link Lease} could not be reached. The caller must act as if it does not
 * hold the lease: stop planning and executing until a renewal succeeds.
 */
public final class LeaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
