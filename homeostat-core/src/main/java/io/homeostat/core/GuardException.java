package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;

/**
 * A guard refused or gave up on a call. Subclasses name the condition. Rejections carry no stack
 * trace: they are expected, frequent under failure, and their cause is the guard's state, not
 * the code path.
 */
public abstract class GuardException extends RuntimeException {

    private final String guard;
    private final ErrorCategory category;

    protected GuardException(String guard, ErrorCategory category, String message, Throwable cause, boolean stackTrace) {
        super(message, cause, false, stackTrace);
        this.guard = guard;
        this.category = category;
    }

    /** The name of the guard that refused the call. */
    public String guard() {
        return guard;
    }

    /** How the refusal is classified. */
    public ErrorCategory category() {
        return category;
    }
}
