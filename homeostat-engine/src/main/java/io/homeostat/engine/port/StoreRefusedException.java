package io.homeostat.engine.port;

/**
 * A store answered and refused a write for what it holds (a value longer than its column allows,
 * a broken constraint): unlike {@link StoreUnavailableException}, writing it again will not help,
 * so a caller drops it instead of queueing it behind the writes that follow. The cause carries the
 * driver's exception.
 */
public class StoreRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
