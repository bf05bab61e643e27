package io.homeostat.demo.report;

import io.homeostat.core.time.Clock;
import io.homeostat.demo.scenario.FaultSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects what happens during a run, stamped in milliseconds from its start on the injected
 * clock; {@link #snapshot} gives the {@link RecordedRun} the report is computed from.
 * Thread-safe: calls are queued lock-free, the rest is synchronised.
 */
public final class RunRecorder {

    private final Clock clock;
    private volatile long startNanos;
    private final ConcurrentLinkedQueue<CallRecord> calls = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final Map<FaultSpec, long[]> faults = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();

    /** A recorder whose run starts now. */
    public RunRecorder(Clock clock) {
        this.clock = clock;
        this.startNanos = clock.monotonicNanos();
    }

    /** Starts the run's time again from now (call it before anything is recorded). */
    public void begin() {
        startNanos = clock.monotonicNanos();
    }

    /** Milliseconds since the start of the run. */
    public long now() {
        return (clock.monotonicNanos() - startNanos) / 1_000_000;
    }

    /** A fault was injected ({@code on}) or cleared. */
    public synchronized void fault(FaultSpec fault, boolean on) {
        if (on) {
            faults.put(fault, new long[] {now(), -1});
        } else {
            long[] times = faults.get(fault);
            if (times != null) {
                times[1] = now();
            }
        }
    }

    /** The healer opened an incident. */
    public synchronized void incidentOpened(String id, String service, String detector) {
        incidents.putIfAbsent(id, new Incident(id, service, detector, now()));
    }

    /** The healer diagnosed an incident. */
    public synchronized void diagnosed(String id, String rootService, String category) {
        Incident incident = incidents.get(id);
        if (incident != null && incident.diagnosed < 0) {
            incident.root = rootService;
            incident.category = category;
            incident.diagnosed = now();
        }
    }

    /** The healer resolved an incident. */
    public synchronized void resolved(String id) {
        Incident incident = incidents.get(id);
        if (incident != null && incident.resolved < 0) {
            incident.resolved = now();
        }
    }

    /** The healer escalated an incident to people. */
    public synchronized void escalated(String id) {
        Incident incident = incidents.get(id);
        if (incident != null && incident.escalated < 0) {
            incident.escalated = now();
        }
    }

    /** The healer ran a recovery action for an incident; a fix unless it only tells or looks. */
    public synchronized void action(String id, String action) {
        action(id, action, !IncidentRecord.NOT_FIXES.contains(action));
    }

    /**
     * The healer ran a recovery action for an incident.
     *
     * @param changed whether it changed the system (a failover, a restart), as opposed to telling
     *     people, looking, or resetting what was already as it should be
     */
    public synchronized void action(String id, String action, boolean changed) {
        Incident incident = incidents.get(id);
        if (incident != null && !incident.actions.contains(action)) {
            incident.actions.add(action);
        }
        if (incident != null && incident.firstFix < 0 && changed) {
            incident.firstFix = now();
        }
    }

    /** One guarded call. */
    public void call(String service, CallRecord.Outcome outcome, String tier, long micros, boolean safetyViolation) {
        calls.add(new CallRecord(now(), service, outcome, tier, micros, safetyViolation));
    }

    /** One triage request finished; {@code allAnswered} if every call it made got an answer. */
    public void request(boolean allAnswered) {
        requests.incrementAndGet();
        if (allAnswered) {
            answered.incrementAndGet();
        }
    }

    /** One request was not made because too many were in flight. */
    public void shed() {
        shed.incrementAndGet();
    }

    /** Requests finished so far. */
    public long requests() {
        return requests.get();
    }

    /** The incidents opened so far. */
    public synchronized int incidentCount() {
        return incidents.size();
    }

    /**
     * What was recorded, with the audit figures the caller measured at the end.
     *
     * @param auditLostMillis when each clinical audit record the database lacks was written
     * @param healerActed recovery steps the healer ran, as its workflow store has them
     * @param healerAudited of those, the ones its audit trail records
     */
    public synchronized RecordedRun snapshot(String scenario, long seed, long auditWritten, long auditStored,
            List<Long> auditLostMillis, long healerActed, long healerAudited, Map<String, Set<String>> dependents) {
        List<FaultRecord> faultRecords = new ArrayList<>();
        faults.forEach((spec, times) -> faultRecords.add(new FaultRecord(spec, times[0], times[1])));
        List<IncidentRecord> incidentRecords = new ArrayList<>();
        for (Incident i : incidents.values()) {
            incidentRecords.add(new IncidentRecord(i.id, i.service, i.detector, i.opened, i.root, i.category, i.diagnosed,
                    i.resolved, i.escalated, i.actions, i.firstFix));
        }
        return new RecordedRun(scenario, seed, now(), faultRecords, incidentRecords, new ArrayList<>(calls),
                requests.get(), answered.get(), shed.get(), auditWritten, auditStored, auditLostMillis,
                healerActed, healerAudited, dependents);
    }

    private static final class Incident {
        final String id;
        final String service;
        final String detector;
        final long opened;
        String root = "";
        String category = "";
        long diagnosed = -1;
        long resolved = -1;
        long escalated = -1;
        long firstFix = -1;
        final List<String> actions = new ArrayList<>();

        Incident(String id, String service, String detector, long opened) {
            this.id = id;
            this.service = service;
            this.detector = detector;
            this.opened = opened;
        }
    }
}
