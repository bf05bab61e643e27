package io.homeostat.demo;

import io.homeostat.core.breaker.CircuitState;
import java.util.List;
import java.util.Map;

/**
 * What the kernel tour saw.
 *
 * @param servedBy answers per tier name ({@code primary}, {@code llm:deepseek}, {@code cache}, ...)
 * @param unguidedErrors calls that failed without guidance for the user (must be 0)
 * @param transitions the breaker's transitions, in order, as {@code FROM->TO}
 * @param guidance what a life-critical caller was told while the provider was down
 * @param finalState the breaker's state at the end
 */
record TourReport(Map<String, Long> servedBy, long unguidedErrors, List<String> transitions, String guidance,
        CircuitState finalState) {

    long calls() {
        return servedBy.values().stream().mapToLong(Long::longValue).sum() + unguidedErrors;
    }
}
