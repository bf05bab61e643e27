package io.homeostat.engine.execute;

/** An action could not do what it was asked; the step fails (and may be tried again). */
public final class ActionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ActionFailedException(String message) {
        super(message);
    }

    public ActionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
