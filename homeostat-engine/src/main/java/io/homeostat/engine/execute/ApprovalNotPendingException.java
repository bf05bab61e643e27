package io.homeostat.engine.execute;

/** An approval or rejection named a run that does not wait for one (unknown, moved on, or expired). */
public final class ApprovalNotPendingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApprovalNotPendingException(String message) {
        super(message);
    }
}
