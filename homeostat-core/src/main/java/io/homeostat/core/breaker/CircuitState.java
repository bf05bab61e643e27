package io.homeostat.core.breaker;

/** The states of a {@link CircuitBreaker}. */
public enum CircuitState {
    /** Calls flow; outcomes are recorded in the sliding window. */
    CLOSED,
    /** Calls are rejected until the open wait has passed. */
    OPEN,
    /** A fixed number of trial calls are admitted; their outcome closes or reopens the circuit. */
    HALF_OPEN,
    /** Forced open by an operator: calls are rejected until reset. */
    FORCED_OPEN,
    /** Disabled by an operator: calls flow and nothing is recorded, until reset. */
    DISABLED
}
