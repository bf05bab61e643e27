package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;

/** The call returned a result that failed its data-integrity check; the fallback tiers were asked instead. */
public final class ResultRejectedException extends GuardException {

    public ResultRejectedException(String guard) {
        super(guard, ErrorCategory.UNKNOWN, "result of '" + guard + "' failed its integrity check", null, false);
    }
}
