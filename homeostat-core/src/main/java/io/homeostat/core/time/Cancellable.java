package io.homeostat.core.time;

/** A handle on scheduled work. Thread-safe. */
@FunctionalInterface
public interface Cancellable {

    /**
     * Cancels the work if it has not run yet (for periodic work: all further runs). Does not
     * interrupt a run in progress. Idempotent.
     */
    void cancel();
}
