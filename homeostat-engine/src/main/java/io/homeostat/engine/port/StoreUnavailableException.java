package io.homeostat.engine.port;

/**
 * A store could not do what was asked because its backing system (database, Redis) could not be
 * reached or failed. The cause carries the driver's exception.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
