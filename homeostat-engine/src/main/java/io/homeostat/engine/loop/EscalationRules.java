package io.homeostat.engine.loop;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.execute.RecoveryAudit;
import io.homeostat.engine.incident.IllegalIncidentTransitionException;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The escalation rules of issue 5 that no single stage sees, applied on each {@link #tick()} to
 * the tracker's active incidents, through the {@link Escalation} port:
 * <ul>
 *   <li>a critical incident notifies at once ({@link EscalationTrigger#CRITICAL}); recovery goes on;</li>
 *   <li>an incident unresolved {@code unresolvedAfter} after it opened escalates
 *       ({@link EscalationTrigger#UNRESOLVED}) and is marked ESCALATED;</li>
 *   <li>an incident the tracker marks flapping escalates at once ({@link EscalationTrigger#FLAPPING}:
 *       automated action stops for it) and is marked ESCALATED;</li>
 *   <li>an incident whose diagnosis finds more than {@code impactShare} of the known services
 *       affected opens an incident-response escalation ({@link EscalationTrigger#HIGH_IMPACT}) and
 *       is marked ESCALATED.</li>
 * </ul>
 * Failed recovery attempts are counted per incident by the orchestrator's
 * {@link io.homeostat.engine.execute.EscalationPortSink} (the port's policy pages from the third).
 * Each rule fires once per incident; each request is audited with who was notified.
 *
 * <p>An incident a rule marks ESCALATED is marked whether or not the port notified anyone: the
 * rule found that it needs a person, and a declined request (no rule for the trigger, no on-call
 * rotation, below the policy's threshold) does not make that less true. The timeline entry then
 * says why nobody was notified, as the recovery layer's escalations do whatever the port decides.
 *
 * <p>Thread-safe: ticks are serialised; call it from the loop's thread, never from a tracker listener.
 */
public final class EscalationRules {

    private final IncidentTracker tracker;
    private final Escalation escalation;
    private final Function<String, Optional<Diagnosis>> diagnoses;
    private final IntSupplier knownServices;
    private final RecoveryAudit audit;
    private final Clock clock;
    private final Duration unresolvedAfter;
    private final double impactShare;
    private final Set<String> fired = new HashSet<>();
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param diagnoses the latest diagnosis of an incident (e.g. {@code DiagnosisStage::latest})
     * @param knownServices how many services the system has (e.g. the dependency graph's), for the impact share
     * @param unresolvedAfter how long an incident may stay active before it escalates
     * @param impactShare the share of services above which impact is high (the 0.5)
     * @throws IllegalArgumentException if {@code unresolvedAfter} is not positive or {@code impactShare} not in (0, 1)
     */
    public EscalationRules(IncidentTracker tracker, Escalation escalation, Function<String, Optional<Diagnosis>> diagnoses,
            IntSupplier knownServices, RecoveryAudit audit, Clock clock, Duration unresolvedAfter, double impactShare) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.diagnoses = Objects.requireNonNull(diagnoses, "diagnoses");
        this.knownServices = Objects.requireNonNull(knownServices, "knownServices");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (unresolvedAfter.isNegative() || unresolvedAfter.isZero()) {
            throw new IllegalArgumentException("unresolvedAfter must be positive, was " + unresolvedAfter);
        }
        if (!(impactShare > 0 && impactShare < 1)) {
            throw new IllegalArgumentException("impactShare must be in (0, 1), was " + impactShare);
        }
        this.unresolvedAfter = unresolvedAfter;
        this.impactShare = impactShare;
    }

    /** Applies the rules to every active incident. */
    public void tick() {
        lock.lock();
        try {
            Instant now = clock.instant();
            Set<String> active = new HashSet<>();
            for (Incident incident : tracker.active()) {
                active.add(incident.id());
                String service = incident.services().iterator().next();
                Optional<Diagnosis> diagnosis = diagnoses.apply(incident.id());
                service = diagnosis.map(Diagnosis::rootService).orElse(service);
                if (incident.severity() == Severity.CRITICAL && once(incident, "critical")) {
                    send(EscalationRequest.critical(incident.id(), service, incident.title()), false);
                }
                if (incident.flapping() && once(incident, "flapping")) {
                    send(new EscalationRequest(EscalationTrigger.FLAPPING, incident.id(), service, incident.severity(),
                            "flapping, automated recovery stopped: " + incident.title(), 0, 0), true);
                }
                if (!incident.openedAt().plus(unresolvedAfter).isAfter(now) && once(incident, "unresolved")) {
                    send(new EscalationRequest(EscalationTrigger.UNRESOLVED, incident.id(), service, incident.severity(),
                            "unresolved after " + unresolvedAfter + ": " + incident.title(), 0, 0), true);
                }
                int known = knownServices.getAsInt();
                if (diagnosis.isPresent() && known > 0) {
                    double share = Math.min(1, diagnosis.get().impact().affectedServices().size() / (double) known);
                    if (share > impactShare && once(incident, "impact")) {
                        send(EscalationRequest.highImpact(incident.id(), service, incident.severity(), share,
                                Math.round(share * 100) + " % of services affected: " + diagnosis.get().summary()), true);
                    }
                }
            }
            fired.removeIf(key -> !active.contains(key.substring(0, key.indexOf('|'))));
        } finally {
            lock.unlock();
        }
    }

    private boolean once(Incident incident, String rule) {
        return fired.add(incident.id() + "|" + rule);
    }

    private void send(EscalationRequest request, boolean markEscalated) {
        EscalationDecision decision = escalation.escalate(request);
        AuditedEscalation.record(audit, clock, request, decision);
        if (markEscalated) {
            String reason = decision.escalated() ? request.summary() : request.summary() + " -> " + decision.reason();
            try {
                Incident current = tracker.active().stream().filter(i -> i.id().equals(request.incidentId()))
                        .findFirst().orElseThrow(() -> new IncidentNotFoundException(request.incidentId()));
                if (current.status() != IncidentStatus.ESCALATED) {
                    tracker.escalate(request.incidentId(), reason);
                } else {
                    // Handed to people already (say by recovery): the timeline still tells of this rule's finding.
                    tracker.note(request.incidentId(), "escalation " + request.trigger().name().toLowerCase(Locale.ROOT)
                            + ": " + reason, Map.of("trigger", request.trigger().name()));
                }
            } catch (IncidentNotFoundException | IllegalIncidentTransitionException e) {
                // resolved meanwhile: nothing to mark
            }
        }
    }
}
