package io.homeostat.demo.report;

import java.util.List;

/**
 * What the healer did about one incident during a run. Immutable. Times are milliseconds from the
 * start of the run; -1 when it did not happen.
 *
 * @param id the incident's id
 * @param service the service it was opened on
 * @param detector what detected it, e.g. {@code threshold}
 * @param openedMillis when it was opened
 * @param rootService the diagnosed root service; empty text if not diagnosed
 * @param category the diagnosed category; empty text if not diagnosed
 * @param diagnosedMillis when it was diagnosed
 * @param resolvedMillis when it was resolved
 * @param escalatedMillis when it was escalated to people
 * @param actions the recovery actions run for it, in order (e.g. {@code failover})
 * @param firstFixMillis when the first action that changes the system (not an alert, not a
 *     re-probe) succeeded for it
 */
public record IncidentRecord(String id, String service, String detector, long openedMillis, String rootService,
        String category, long diagnosedMillis, long resolvedMillis, long escalatedMillis, List<String> actions,
        long firstFixMillis) {

    /** Actions that tell or look, but change nothing. */
    public static final java.util.Set<String> NOT_FIXES = java.util.Set.of("alert", "reprobe", "webhook");

    public IncidentRecord {
        actions = List.copyOf(actions);
    }

    /** Whether it reached a person. */
    public boolean escalated() {
        return escalatedMillis >= 0;
    }
}
