package io.homeostat.engine.execute;

/**
 * Re-checks, right before a run first acts, that what triggered it still holds (the circuit is
 * still open, errors are still high). A run whose trigger no longer holds acts on nothing.
 * Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface TriggerCheck {

    /** Always true: only the incident being active is checked. */
    TriggerCheck INCIDENT_ONLY = run -> true;

    /** True if the triggering condition of {@code run} still holds. */
    boolean stillHolds(WorkflowRun run);
}
