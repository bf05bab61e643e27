package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;

/**
 * A guarded call failed with a checked exception (its cause) after every attempt the guard allowed.
 * Unchecked exceptions and errors of the call are rethrown as they are; checked ones are wrapped
 * in this so that guarded calls need no {@code throws} clause.
 */
public final class CallFailedException extends GuardException {

    public CallFailedException(String guard, ErrorCategory category, Throwable cause) {
        super(guard, category, "call through '" + guard + "' failed (" + category.label() + "): " + cause, cause, true);
    }
}
