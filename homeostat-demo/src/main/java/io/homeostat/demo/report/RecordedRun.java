package io.homeostat.demo.report;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a run recorded, from which {@link RunReport#of(RecordedRun)} computes the report.
 * Immutable.
 *
 * @param scenario the schedule's name
 * @param seed the seed the schedule was resolved with
 * @param durationMillis how long the run lasted
 * @param faults the faults injected
 * @param incidents the incidents the healer opened
 * @param calls every guarded call of the application
 * @param requests how many triage requests were made
 * @param requestsAnswered how many got every answer they asked for (by a primary or a fallback)
 * @param requestsShed how many the traffic generator dropped because too many were in flight
 * @param auditWritten how many clinical audit records the application wrote
 * @param auditStored how many of them the database holds at the end
 * @param auditLostMillis when each record the database does not hold was written (its size is the loss)
 * @param healerAuditAppended how many recovery steps the healer ran (its workflow store's record)
 * @param healerAuditStored how many of those its audit trail records
 * @param dependents per service, the services that call it (for a cascade, who fails with it)
 */
public record RecordedRun(String scenario, long seed, long durationMillis, List<FaultRecord> faults,
        List<IncidentRecord> incidents, List<CallRecord> calls, long requests, long requestsAnswered, long requestsShed,
        long auditWritten, long auditStored, List<Long> auditLostMillis, long healerAuditAppended, long healerAuditStored,
        Map<String, Set<String>> dependents) {

    public RecordedRun {
        faults = List.copyOf(faults);
        incidents = List.copyOf(incidents);
        calls = List.copyOf(calls);
        auditLostMillis = List.copyOf(auditLostMillis);
        dependents = Map.copyOf(dependents);
    }
}
