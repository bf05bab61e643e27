package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;
import java.time.Duration;

/** The call, with all its attempts, did not finish within the guard's deadline. */
public final class CallTimeoutException extends GuardException {

    public CallTimeoutException(String guard, Duration timeout) {
        super(guard, ErrorCategory.TIMEOUT, "call through '" + guard + "' exceeded its deadline of " + timeout, null, false);
    }
}
