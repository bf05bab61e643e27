package io.homeostat.core.classify;

/**
 * An exception that knows the HTTP status of the response that caused it. HTTP client wrappers
 * implement it on their exceptions so that {@link ErrorClassifier#defaults()} can map statuses
 * to categories (429 is {@link ErrorCategory#RATE_LIMIT}, 503 {@link ErrorCategory#UNAVAILABLE},
 * and so on) without knowing the client library.
 *
 * <p>Implementations are expected to be immutable, hence thread-safe.
 */
@FunctionalInterface
public interface HttpStatusCarrier {

    /** The HTTP status code of the failed response, e.g. {@code 503}. */
    int httpStatus();
}
