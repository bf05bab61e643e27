package io.homeostat.demo.report;

import io.homeostat.demo.scenario.FaultSpec;

/**
 * One injected fault. Immutable.
 *
 * @param spec what was injected
 * @param injectedMillis when, from the start of the run
 * @param clearedMillis when it was taken away; -1 if the run ended first
 */
public record FaultRecord(FaultSpec spec, long injectedMillis, long clearedMillis) {
}
