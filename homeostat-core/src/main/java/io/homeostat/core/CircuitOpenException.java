package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;

/** The guard's circuit breaker is open (or its half-open trials are taken); the call was not made. */
public final class CircuitOpenException extends GuardException {

    public CircuitOpenException(String guard) {
        super(guard, ErrorCategory.REJECTED, "circuit of '" + guard + "' is open", null, false);
    }
}
