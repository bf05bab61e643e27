package io.homeostat.core.classify;

import io.homeostat.core.classify.internal.ChainedErrorClassifier;
import io.homeostat.core.classify.internal.DefaultErrorClassifier;

/**
 * Maps a failure to an {@link ErrorCategory}. Implementations are thread-safe and never throw;
 * what they do not recognise is {@link ErrorCategory#UNKNOWN}.
 */
@FunctionalInterface
public interface ErrorClassifier {

    /** The category of {@code error}, looking through its causes as the implementation sees fit. */
    ErrorCategory classify(Throwable error);

    /**
     * The built-in classifier. It walks the cause chain from the outside in (at most 16 levels,
     * so cyclic chains end) and answers with the first exception it recognises:
     * <ul>
     *   <li>a {@code GuardException}: its own category;
     *   <li>{@link HttpStatusCarrier}: 402, or a message containing "quota" (as in OpenAI's
     *       {@code insufficient_quota}), is {@code QUOTA_EXCEEDED}; 429 {@code RATE_LIMIT};
     *       408 and 504 {@code TIMEOUT}; 502 and 503 {@code UNAVAILABLE};
     *   <li>{@code SocketTimeoutException}, {@code HttpTimeoutException} (and its connect
     *       variant), {@code TimeoutException}, an {@code InterruptedIOException} saying "timed
     *       out", {@code SQLTimeoutException}: {@code TIMEOUT};
     *   <li>{@code ConnectException}, {@code NoRouteToHostException},
     *       {@code PortUnreachableException}, a {@code SocketException} saying "Connection
     *       reset": {@code CONNECTION_REFUSED};
     *   <li>{@code UnknownHostException}: {@code DNS_ERROR};
     *   <li>{@code SQLTransientConnectionException}, {@code SQLNonTransientConnectionException},
     *       {@code SQLRecoverableException}, any {@code SQLException} with an SQLState of class
     *       {@code 08} (connection exception): {@code UNAVAILABLE};
     * </ul>
     * and {@code UNKNOWN} otherwise. Allocation-free.
     */
    static ErrorClassifier defaults() {
        return DefaultErrorClassifier.INSTANCE;
    }

    /**
     * A classifier that asks {@code first} in order, then {@link #defaults()}; the first answer
     * other than {@code UNKNOWN} wins, so application classifiers take precedence and pass by
     * answering {@code UNKNOWN}. A classifier that throws or answers null counts as having
     * passed, so one faulty classifier cannot hide the failure it was asked about.
     *
     * @throws NullPointerException if {@code first} or one of its elements is null
     */
    static ErrorClassifier chain(ErrorClassifier... first) {
        return ChainedErrorClassifier.of(first, defaults());
    }
}
