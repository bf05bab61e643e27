package io.homeostat.core.classify;

/**
 * A call got an HTTP response whose status means failure. Application code throws it (or its own
 * exception implementing {@link HttpStatusCarrier}) so the guard can classify the failure by
 * status. Immutable, hence thread-safe.
 */
public class HttpStatusException extends RuntimeException implements HttpStatusCarrier {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param httpStatus the response status, 100 to 599
     * @param message what failed, e.g. the body's error text; the default classifier reads it
     *     for the word "quota"
     * @throws IllegalArgumentException if {@code httpStatus} is outside 100..599
     */
    public HttpStatusException(int httpStatus, String message) {
        this(httpStatus, message, null);
    }

    /**
     * @param cause the underlying exception, or null if there is none
     * @throws IllegalArgumentException if {@code httpStatus} is outside 100..599
     */
    public HttpStatusException(int httpStatus, String message, Throwable cause) {
        super("HTTP " + requireStatus(httpStatus) + ": " + message, cause);
        this.httpStatus = httpStatus;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    private static int requireStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("httpStatus must be within 100..599, was " + status);
        }
        return status;
    }
}
