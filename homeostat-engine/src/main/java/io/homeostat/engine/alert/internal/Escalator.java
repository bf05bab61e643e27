package io.homeostat.engine.alert.internal;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.EscalationRule;
import io.homeostat.engine.alert.escalate.OnCallLevel;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Follows escalations, one per key (the incident, or {@code alert:<fingerprint>} for an alert
 * without one): which level was notified, whether somebody acknowledged, and the timer that
 * climbs to the next level when nobody did. Explicit requests always apply their rule (a new
 * fact about the problem); only the acknowledgement timeout stops at an acknowledgement. An
 * escalation asked for because its incident flaps ({@link EscalationTrigger#FLAPPING}) follows the
 * incident, not its alerts: it is {@linkplain #heldOpen held open} while they clear and fire again,
 * until the incident resolves. Guarded by the engine's lock.
 */
final class Escalator {

    private static final class Followed {
        final String service;
        final Severity severity;
        final String summary;
        int level;
        boolean acknowledged;
        /** The incident flaps: its alerts clearing does not end this, only the incident resolving. */
        boolean flapping;
        long generation;
        Cancellable timer = () -> {};

        Followed(String service, Severity severity, String summary) {
            this.service = service;
            this.severity = severity;
            this.summary = summary;
        }
    }

    private final EscalationPolicy policy;
    private final Optional<OnCallRotation> rotation;
    private final Scheduler scheduler;
    private final Map<String, Receiver> receivers;
    private final Function<String, List<AlertView>> alertsOf;
    private final BiConsumer<String, Long> onTimeout;
    private final Map<String, Followed> followed = new HashMap<>();
    private long generations;

    Escalator(EscalationPolicy policy, Optional<OnCallRotation> rotation, Scheduler scheduler,
            Map<String, Receiver> receivers, Function<String, List<AlertView>> alertsOf,
            BiConsumer<String, Long> onTimeout) {
        this.policy = policy;
        this.rotation = rotation;
        this.scheduler = scheduler;
        this.receivers = receivers;
        this.alertsOf = alertsOf;
        this.onTimeout = onTimeout;
    }

    boolean following(String key) {
        return followed.containsKey(key);
    }

    EscalationDecision escalate(EscalationRequest request, Outbox out) {
        Optional<EscalationRule> found = policy.rule(request.trigger());
        if (found.isEmpty()) {
            return EscalationDecision.declined("no escalation rule for " + request.trigger());
        }
        if (rotation.isEmpty()) {
            return EscalationDecision.declined("no on-call rotation is configured");
        }
        EscalationRule rule = found.get();
        if (request.trigger() == EscalationTrigger.RECOVERY_FAILED && request.failedAttempts() < rule.threshold()) {
            return EscalationDecision.declined(request.failedAttempts() + " failed attempts, below the threshold of "
                    + (int) rule.threshold());
        }
        if (request.trigger() == EscalationTrigger.HIGH_IMPACT && request.impact() <= rule.threshold()) {
            return EscalationDecision.declined("impact " + percent(request.impact()) + " does not exceed "
                    + percent(rule.threshold()));
        }
        String key = request.incidentId();
        Followed current = followed.get(key);
        if (request.trigger() == EscalationTrigger.CRITICAL && current != null) {
            return EscalationDecision.declined("already escalated at level " + (current.level + 1));
        }
        OnCallRotation levels = rotation.get();
        int level = switch (rule.target()) {
            case FIRST -> 0;
            case CURRENT -> current == null ? 0 : current.level;
            case NEXT -> current == null ? 0 : Math.min(current.level + 1, levels.top());
            case NAMED -> levels.indexOf(rule.levelName()).orElseThrow();
        };
        Followed next = current != null ? current
                : new Followed(request.service(), request.severity(), request.summary());
        next.timer.cancel();
        next.flapping |= request.trigger() == EscalationTrigger.FLAPPING;
        next.level = level;
        next.acknowledged = false;
        next.generation = ++generations;
        followed.put(key, next);
        String person = notify(key, next, level, reason(request), out);
        long generation = next.generation;
        next.timer = scheduler.schedule(rule.ackTimeout(), () -> onTimeout.accept(key, generation));
        return new EscalationDecision(true, level, person, reason(request));
    }

    /**
     * True if {@code key} is followed because its incident flaps: the last of its alerts clearing
     * must not end it (each flap would close the page and the next one open it again).
     */
    boolean heldOpen(String key) {
        Followed current = followed.get(key);
        return current != null && current.flapping;
    }

    /** The acknowledgement timer of {@code key} fired: climb if nobody acknowledged since. */
    void timedOut(String key, long generation, Outbox out) {
        Followed current = followed.get(key);
        if (current == null || current.acknowledged || current.generation != generation) {
            return;
        }
        escalate(new EscalationRequest(EscalationTrigger.UNACKNOWLEDGED, key, current.service, current.severity,
                current.summary, 0, 0), out);
    }

    /** Somebody took the problem: no further climbing. True if it was being followed. */
    boolean acknowledge(String key, String who, Outbox out) {
        Followed current = followed.get(key);
        if (current == null) {
            return false;
        }
        boolean first = !current.acknowledged;
        current.acknowledged = true;
        current.timer.cancel();
        if (first) {
            // the level last notified hears of it, so a pager stops paging (PagerDuty's acknowledge)
            OnCallLevel level = rotation.orElseThrow().levels().get(current.level);
            Instant now = scheduler.clock().instant();
            Map<String, String> groupLabels = Map.of(Labels.SERVICE, current.service, Labels.INCIDENT, key);
            out.acknowledge(receivers.get(level.receiver()), new Notification(level.receiver(), key,
                    Notification.Kind.ESCALATION, groupLabels, alertsOf.apply(key), List.of(), "acknowledged by " + who,
                    level.onCallAt(now), current.level, now));
        }
        return true;
    }

    /**
     * The problem is over: tells the level last notified (so a pager closes its incident, e.g.
     * PagerDuty's resolve on the same dedup key) and forgets it.
     */
    void end(String key, String who, Outbox out) {
        Followed current = followed.remove(key);
        if (current == null) {
            return;
        }
        current.timer.cancel();
        OnCallLevel level = rotation.orElseThrow().levels().get(current.level);
        Instant now = scheduler.clock().instant();
        Map<String, String> groupLabels = Map.of(Labels.SERVICE, current.service, Labels.INCIDENT, key);
        AlertView closed = new AlertView(synthesized(key, current, now).labels(), current.summary, AlertState.RESOLVED,
                now, now, 1, false, "", "");
        out.send(receivers.get(level.receiver()), new Notification(level.receiver(), key, Notification.Kind.ESCALATION,
                groupLabels, List.of(), List.of(closed), "resolved by " + who, level.onCallAt(now), current.level, now));
    }

    private String notify(String key, Followed f, int index, String reason, Outbox out) {
        OnCallLevel level = rotation.orElseThrow().levels().get(index);
        Instant now = scheduler.clock().instant();
        String person = level.onCallAt(now);
        List<AlertView> alerts = alertsOf.apply(key);
        if (alerts.isEmpty()) {
            alerts = List.of(synthesized(key, f, now));
        }
        Map<String, String> groupLabels = Map.of(Labels.SERVICE, f.service, Labels.INCIDENT, key);
        out.send(receivers.get(level.receiver()), new Notification(level.receiver(), key,
                Notification.Kind.ESCALATION, groupLabels, alerts, List.of(), reason, person, index, now));
        out.event(new AlertEvent(key, AlertEvent.Kind.ESCALATED, now, AlertEvent.SYSTEM, key, groupLabels,
                "level " + (index + 1) + " (" + level.name() + ") -> " + person + ": " + reason));
        return person;
    }

    private static AlertView synthesized(String key, Followed f, Instant now) {
        Labels labels = Labels.of(Map.of(Labels.SERVICE, f.service,
                Labels.SEVERITY, f.severity.name().toLowerCase(Locale.ROOT), Labels.INCIDENT, key));
        return new AlertView(labels, f.summary, AlertState.FIRING, now, now, 1, false, "", "");
    }

    private static String reason(EscalationRequest request) {
        return switch (request.trigger()) {
            case RECOVERY_FAILED -> "recovery failed " + request.failedAttempts() + " times";
            case HIGH_IMPACT -> percent(request.impact()) + " of services affected";
            default -> request.trigger().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        } + ": " + request.summary();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
