package io.homeostat.core.classify;

/**
 * Maps a failure to an {@link ErrorCategory}. Implementations are thread-safe and never throw;
 * what they do not recognise is {@link ErrorCategory#UNKNOWN}.
 */
@FunctionalInterface
public interface ErrorClassifier {

    /** The category of {@code error}, looking through its causes as the implementation sees fit. */
    ErrorCategory classify(Throwable error);
}
