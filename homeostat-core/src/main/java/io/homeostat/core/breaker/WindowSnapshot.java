package io.homeostat.core.breaker;

/**
 * What a breaker's sliding window held at one moment: the evidence behind a transition.
 *
 * @param calls recorded calls in the window
 * @param failures of which failed
 * @param slowCalls of which were slower than the slow-call threshold; exact while the slow-call
 *     check is on, else only the calls the guard timed can count as slow
 * @param consecutiveFailures failures since the last success
 */
public record WindowSnapshot(int calls, int failures, int slowCalls, int consecutiveFailures) {

    /** An empty window. */
    public static final WindowSnapshot EMPTY = new WindowSnapshot(0, 0, 0, 0);

    public WindowSnapshot {
        if (calls < 0 || failures < 0 || slowCalls < 0 || consecutiveFailures < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Failed share of calls in percent, 0 when the window is empty. */
    public float failureRate() {
        return calls == 0 ? 0f : failures * 100f / calls;
    }

    /** Slow share of calls in percent, 0 when the window is empty. */
    public float slowCallRate() {
        return calls == 0 ? 0f : slowCalls * 100f / calls;
    }
}
