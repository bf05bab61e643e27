package io.homeostat.engine.port;

/** A workflow run could not be created: its incident already has an active run, or its id is taken. */
public final class RunConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}
