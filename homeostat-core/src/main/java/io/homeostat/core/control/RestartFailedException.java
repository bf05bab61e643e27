package io.homeostat.core.control;

/**
 * A ready {@link Restartable} ({@link HttpAdminRestart}, {@link SupervisedProcess}) could not
 * restart its component; the message names the component and what went wrong.
 */
public final class RestartFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the component; @param cause the underlying error, or null */
    public RestartFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
