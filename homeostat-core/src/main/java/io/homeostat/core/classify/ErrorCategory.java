package io.homeostat.core.classify;

/**
 * What kind of failure a call had, as the {@link ErrorClassifier} reads it from the exception or
 * the result. Retry, fallback and diagnosis decide by category, not by exception class.
 */
public enum ErrorCategory {
    /** The call took longer than its deadline, or a socket/HTTP timeout fired (HTTP 408 and 504 included). */
    TIMEOUT,
    /** The remote end refused or reset the connection. */
    CONNECTION_REFUSED,
    /** The host name could not be resolved. */
    DNS_ERROR,
    /** Too many requests (HTTP 429 and equivalents); retry later. */
    RATE_LIMIT,
    /** A quota or budget is used up; retrying soon does not help. */
    QUOTA_EXCEEDED,
    /**
     * The dependency says it is unavailable (HTTP 502 and 503, transient SQL connection errors).
     * A 504 is a {@link #TIMEOUT}.
     */
    UNAVAILABLE,
    /**
     * The call was refused locally: an open circuit, a full bulkhead, or a safety policy that lets
     * no fallback tier serve it. A retry the retry budget refuses is not a rejection: the call
     * fails with its last attempt's error, in that error's category.
     */
    REJECTED,
    /** Anything else. */
    UNKNOWN;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in signals, YAML and APIs, e.g. {@code connection_refused}. */
    public String label() {
        return label;
    }
}
