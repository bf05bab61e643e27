package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.WindowSnapshot;

/**
 * Decides whether a CLOSED window opens the breaker, and says why: first the run of consecutive
 * failures, then (with enough calls) the failure rate, then the slow-call rate. Immutable.
 */
final class TripRule {

    private final CircuitBreakerConfig config;

    TripRule(CircuitBreakerConfig config) {
        this.config = config;
    }

    /** The reason the window opens the breaker, or null if it does not. */
    String reasonToOpen(WindowSnapshot window) {
        int consecutive = config.consecutiveFailureThreshold();
        if (consecutive > 0 && window.consecutiveFailures() >= consecutive) {
            return TransitionReasons.consecutiveFailures(window.consecutiveFailures());
        }
        if (window.calls() < config.minimumNumberOfCalls()) {
            return null;
        }
        float failureThreshold = config.failureRateThreshold();
        if (failureThreshold > 0 && window.failureRate() >= failureThreshold) {
            return TransitionReasons.failureRate(window, failureThreshold);
        }
        float slowThreshold = config.slowCallRateThreshold();
        if (slowThreshold > 0 && window.slowCallRate() >= slowThreshold) {
            return TransitionReasons.slowCallRate(window, slowThreshold, config.slowCallDuration());
        }
        return null;
    }
}
