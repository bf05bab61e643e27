package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;

/**
 * The call's result could not be used, so the fallback tiers were asked instead: it failed its
 * data-integrity check, or the safety policy requires a check for the call and none is configured
 * (then the call is not made at all: its result could not be trusted).
 */
public final class ResultRejectedException extends GuardException {

    public ResultRejectedException(String guard) {
        this(guard, "result of '" + guard + "' failed its integrity check");
    }

    /** A result of {@code guard} refused for the reason {@code message}. */
    public ResultRejectedException(String guard, String message) {
        super(guard, ErrorCategory.UNKNOWN, message, null, false);
    }
}
