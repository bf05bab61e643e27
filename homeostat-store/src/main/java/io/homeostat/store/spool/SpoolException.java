package io.homeostat.store.spool;

/** The spool's file could not be read or written. The cause carries the I/O error. */
public class SpoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
