package io.homeostat.demo.report;

import java.util.List;

/**
 * The outcome of one injected fault. Immutable. Times are milliseconds; -1 when it did not happen.
 *
 * @param name the fault's label
 * @param kind its kind's label
 * @param target the service it broke
 * @param injectedMillis when it was injected, from the start of the run
 * @param clearedMillis when the schedule took it away
 * @param mttdMillis injection to the first incident on an affected service
 * @param detector what detected it
 * @param diagnosedRoot the root service the diagnosis named; empty text if none
 * @param rootCorrect whether that is the fault's target
 * @param actions the healer's recovery actions for it
 * @param fixMillis injection to the first action of the healer that changed the system (failover,
 *     restart, pool reset, circuit, cache, degradation); -1 if none
 * @param mttrMillis injection to the end of user-facing failures on the affected services (0 when
 *     users never saw one); -1 if they still failed at the end of the run
 * @param userFailures calls on the affected services that got no answer (with or without guidance)
 * @param unguidedErrors of those, the ones without guidance
 * @param safetyViolations calls on the affected services served against the safety policy
 * @param auditLost clinical audit records written during the fault that the database lacks
 * @param neededPerson whether the healer escalated it or it never recovered
 */
public record FaultResult(String name, String kind, String target, long injectedMillis, long clearedMillis,
        long mttdMillis, String detector, String diagnosedRoot, boolean rootCorrect, List<String> actions,
        long fixMillis, long mttrMillis, long userFailures, long unguidedErrors, long safetyViolations, long auditLost,
        boolean neededPerson) {

    public FaultResult {
        actions = List.copyOf(actions);
    }

    /** Whether an incident was opened for it. */
    public boolean detected() {
        return mttdMillis >= 0;
    }

    /** Whether users stopped failing before the run ended. */
    public boolean recovered() {
        return mttrMillis >= 0;
    }
}
