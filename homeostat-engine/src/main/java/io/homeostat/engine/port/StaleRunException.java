package io.homeostat.engine.port;

/** A workflow run was changed by someone else since it was read (version mismatch), or is unknown. */
public final class StaleRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleRunException(String message) {
        super(message);
    }
}
