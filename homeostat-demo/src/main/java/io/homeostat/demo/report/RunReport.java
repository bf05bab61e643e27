package io.homeostat.demo.report;

import io.homeostat.demo.report.CallRecord.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of a run, computed from what it recorded ({@link #of(RecordedRun)}). Immutable.
 *
 * <p>How a fault is matched: an incident belongs to it if it was opened on the fault's target or
 * on a service that calls it (directly or not) between the injection and 30 s after the fault was
 * cleared, or the next fault on those services, whichever comes first. User-facing failures belong to it if they hit an affected service (by dependency
 * group: {@code llm:openai} counts as {@code llm}) between its injection and the next fault on
 * those services. MTTR ends at its last such failure. A lost audit record belongs to the fault
 * during which (or up to 30 s after which) it was written. An incident that belongs to no fault is a
 * false positive; a fault without an incident is a false negative.
 *
 * @param scenario the schedule's name
 * @param seed the seed
 * @param durationMillis how long the run lasted
 * @param faults per fault, in injection order
 * @param requests triage requests made
 * @param availability the share of requests that got every answer they asked for
 * @param calls guarded calls made
 * @param callsAnswered the share of calls answered (by the dependency or a fallback)
 * @param fallbackP50Micros median end-to-end time of calls a fallback answered
 * @param fallbackP95Micros 95th percentile of the same
 * @param fallbackCalls how many calls a fallback answered
 * @param unguidedErrors user-facing errors without guidance, over the whole run
 * @param safetyViolations calls served against the safety policy, over the whole run
 * @param auditWritten clinical audit records written
 * @param auditLost of those, records the database lacks at the end
 * @param healerAuditAppended recovery steps the healer ran
 * @param healerAuditLost of those, steps its audit trail does not record
 * @param incidents incidents opened
 * @param falsePositives incidents that belong to no fault
 * @param falseNegatives faults without an incident
 * @param mttdP50Millis median MTTD of detected faults; -1 if none
 * @param mttdP95Millis 95th percentile MTTD; -1 if none
 * @param mttrP50Millis median MTTR of faults recovered without a person; -1 if none
 * @param fixP50Millis median time from injection to the healer's first fixing action, over the
 *     faults it acted on; -1 if none
 * @param diagnosisAccuracy the share of diagnosed faults whose diagnosis named the target; -1 if none
 * @param recoveredWithoutPerson the share of faults recovered without a person; -1 without faults
 * @param neededPerson the share of faults that needed a person; -1 without faults
 */
public record RunReport(String scenario, long seed, long durationMillis, List<FaultResult> faults, long requests,
        double availability, long calls, double callsAnswered, long fallbackP50Micros, long fallbackP95Micros,
        long fallbackCalls, long unguidedErrors, long safetyViolations, long auditWritten, long auditLost,
        long healerAuditAppended, long healerAuditLost, int incidents, int falsePositives, int falseNegatives,
        long mttdP50Millis, long mttdP95Millis, long mttrP50Millis, long fixP50Millis, double diagnosisAccuracy,
        double recoveredWithoutPerson, double neededPerson) {

    /** How long after a fault is cleared an incident on its services still counts as its detection. */
    static final long MATCH_AFTER_CLEAR_MILLIS = 30_000;

    public RunReport {
        faults = List.copyOf(faults);
    }

    /** Computes the report. */
    public static RunReport of(RecordedRun run) {
        List<FaultRecord> faults = run.faults().stream().sorted(Comparator.comparingLong(FaultRecord::injectedMillis)).toList();
        List<CallRecord> calls = run.calls().stream().sorted(Comparator.comparingLong(CallRecord::atMillis)).toList();
        Set<String> matchedIncidents = new HashSet<>();
        List<FaultResult> results = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            FaultRecord fault = faults.get(i);
            Set<String> affected = affected(fault.spec().target(), run.dependents());
            Set<String> groups = new HashSet<>();
            affected.forEach(s -> groups.add(group(s)));
            long cleared = fault.clearedMillis() >= 0 ? fault.clearedMillis() : run.durationMillis();
            long until = run.durationMillis();
            for (FaultRecord later : faults.subList(i + 1, faults.size())) {
                Set<String> laterGroups = new HashSet<>();
                affected(later.spec().target(), run.dependents()).forEach(s -> laterGroups.add(group(s)));
                laterGroups.retainAll(groups);
                if (!laterGroups.isEmpty() && later.injectedMillis() > fault.injectedMillis()) {
                    until = Math.min(until, later.injectedMillis());
                    break;
                }
            }
            long matchUntil = Math.min(until, cleared + MATCH_AFTER_CLEAR_MILLIS);
            List<IncidentRecord> mine = run.incidents().stream()
                    .filter(inc -> affected.contains(inc.service()) && inc.openedMillis() >= fault.injectedMillis()
                            && inc.openedMillis() <= matchUntil)
                    .sorted(Comparator.comparingLong(IncidentRecord::openedMillis)).toList();
            mine.forEach(inc -> matchedIncidents.add(inc.id()));
            IncidentRecord first = mine.isEmpty() ? null : mine.getFirst();
            String root = mine.stream().filter(inc -> !inc.rootService().isEmpty()).map(IncidentRecord::rootService)
                    .findFirst().orElse("");
            Set<String> actions = new LinkedHashSet<>();
            mine.forEach(inc -> actions.addAll(inc.actions()));
            long failures = 0;
            long unguided = 0;
            long violations = 0;
            long lastFailure = -1;
            for (CallRecord call : calls) {
                if (call.atMillis() < fault.injectedMillis() || call.atMillis() >= until || !groups.contains(group(call.service()))) {
                    continue;
                }
                if (call.safetyViolation()) {
                    violations++;
                }
                if (call.failed()) {
                    failures++;
                    lastFailure = call.atMillis();
                    if (call.outcome() == Outcome.UNGUIDED_ERROR) {
                        unguided++;
                    }
                }
            }
            long mttr;
            if (lastFailure < 0) {
                mttr = 0;
            } else if (lastFailure >= run.durationMillis() - 3_000 && until == run.durationMillis()) {
                mttr = -1;
            } else {
                mttr = lastFailure - fault.injectedMillis();
            }
            long auditLost = run.auditLostMillis().stream()
                    .filter(t -> t >= fault.injectedMillis() && t < matchUntil).count();
            boolean escalated = mine.stream().anyMatch(IncidentRecord::escalated);
            long firstFix = mine.stream().mapToLong(IncidentRecord::firstFixMillis).filter(t -> t >= 0).min().orElse(-1);
            results.add(new FaultResult(fault.spec().name(), fault.spec().kind().label(), fault.spec().target(),
                    fault.injectedMillis(), fault.clearedMillis(),
                    first == null ? -1 : first.openedMillis() - fault.injectedMillis(),
                    first == null ? "" : first.detector(), root, root.equals(fault.spec().target()),
                    List.copyOf(actions), firstFix < 0 ? -1 : firstFix - fault.injectedMillis(), mttr, failures, unguided, violations, auditLost, escalated || mttr < 0));
        }

        long answeredCalls = calls.stream().filter(CallRecord::answered).count();
        List<Long> fallbackTimes = calls.stream().filter(c -> c.outcome() == Outcome.FALLBACK).map(CallRecord::micros)
                .sorted().toList();
        List<Long> mttds = results.stream().filter(FaultResult::detected).map(FaultResult::mttdMillis).sorted().toList();
        List<Long> mttrs = results.stream().filter(r -> r.recovered() && !r.neededPerson()).map(FaultResult::mttrMillis)
                .sorted().toList();
        List<Long> fixes = results.stream().filter(r -> r.fixMillis() >= 0).map(FaultResult::fixMillis).sorted().toList();
        List<FaultResult> diagnosed = results.stream().filter(r -> !r.diagnosedRoot().isEmpty()).toList();
        int falsePositives = (int) run.incidents().stream().filter(inc -> !matchedIncidents.contains(inc.id())).count();
        int falseNegatives = (int) results.stream().filter(r -> !r.detected()).count();
        long withoutPerson = results.stream().filter(r -> !r.neededPerson()).count();
        return new RunReport(run.scenario(), run.seed(), run.durationMillis(), results, run.requests(),
                share(run.requestsAnswered(), run.requests()), calls.size(), share(answeredCalls, calls.size()),
                percentile(fallbackTimes, 0.5), percentile(fallbackTimes, 0.95), fallbackTimes.size(),
                calls.stream().filter(c -> c.outcome() == Outcome.UNGUIDED_ERROR).count(),
                calls.stream().filter(CallRecord::safetyViolation).count(), run.auditWritten(),
                run.auditWritten() - run.auditStored(), run.healerAuditAppended(),
                run.healerAuditAppended() - run.healerAuditStored(), run.incidents().size(), falsePositives,
                falseNegatives, percentile(mttds, 0.5), percentile(mttds, 0.95), percentile(mttrs, 0.5),
                percentile(fixes, 0.5),
                diagnosed.isEmpty() ? -1 : share(diagnosed.stream().filter(FaultResult::rootCorrect).count(), diagnosed.size()),
                results.isEmpty() ? -1 : share(withoutPerson, results.size()),
                results.isEmpty() ? -1 : share(results.size() - withoutPerson, results.size()));
    }

    /** The target and every service that calls it, directly or not. */
    static Set<String> affected(String target, Map<String, Set<String>> dependents) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(target));
        while (!todo.isEmpty()) {
            String service = todo.poll();
            if (seen.add(service)) {
                todo.addAll(dependents.getOrDefault(service, Set.of()));
            }
        }
        return seen;
    }

    /** The dependency group of a service: {@code llm:openai} is in {@code llm}, {@code pharmaguard} in itself. */
    static String group(String service) {
        int colon = service.indexOf(':');
        return colon > 0 ? service.substring(0, colon) : service;
    }

    /** The nearest-rank percentile of sorted values; -1 if there are none. */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 1 : (double) part / whole;
    }
}
