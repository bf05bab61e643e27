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
import io.homeostat.engine.port.OpenEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Follows escalations, one per key (the incident, or {@code alert:<fingerprint>} for an alert
 * without one): which level was notified, whether somebody acknowledged, and the timer that
 * climbs to the next level when nobody did. Explicit requests always apply their rule (a new
 * fact about the problem); only the acknowledgement timeout stops at an acknowledgement. An
 * escalation asked for because its incident flaps ({@link EscalationTrigger#FLAPPING}) follows the
 * incident, not its alerts: it is {@linkplain #heldOpen held open} while they clear and fire again,
 * until the incident resolves. Each escalation is kept for the next start ({@link #kept}) and
 * followed again then ({@link #restore}). Guarded by the engine's lock.
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
        /** The triggers applied so far. */
        final Set<EscalationTrigger> applied = EnumSet.noneOf(EscalationTrigger.class);
        long generation;
        /** When the timer climbs; null once acknowledged. */
        Instant climbsAt;
        Cancellable timer = () -> {};

        Followed(String service, Severity severity, String summary) {
            this.service = service;
            this.severity = severity;
            this.summary = summary;
        }
    }

    /** The triggers the loop asks for once per incident: applied once per escalation. */
    private static final Set<EscalationTrigger> ONCE =
            EnumSet.of(EscalationTrigger.FLAPPING, EscalationTrigger.UNRESOLVED, EscalationTrigger.HIGH_IMPACT);

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

    /** The keys followed now, sorted. */
    List<String> keys() {
        return followed.keySet().stream().sorted().toList();
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
        if (current != null && ONCE.contains(request.trigger()) && current.applied.contains(request.trigger())) {
            // The loop asks once per incident; asked again (after a restart), it is not news.
            return EscalationDecision.declined("already escalated for " + name(request.trigger()) + " at level "
                    + (current.level + 1));
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
        next.applied.add(request.trigger());
        next.level = level;
        next.acknowledged = false;
        next.generation = ++generations;
        followed.put(key, next);
        String person = notify(key, next, level, reason(request), out);
        climbLater(key, next, rule.ackTimeout());
        out.escalationChanged(key);
        return new EscalationDecision(true, level, person, reason(request));
    }

    /** Sets {@code f}'s timer to climb {@code delay} from now. */
    private void climbLater(String key, Followed f, Duration delay) {
        long generation = f.generation;
        f.climbsAt = scheduler.clock().instant().plus(delay);
        f.timer = scheduler.schedule(delay, () -> onTimeout.accept(key, generation));
    }

    /**
     * Follows {@code kept} again, as a previous run left it, without paging anybody: at the level
     * it had reached (the top one if the rotation has fewer levels now), climbing when it was due
     * to (at once if that time passed) unless somebody had acknowledged it. One that is not
     * {@code open} any more ends instead, before any timer is set: the level last paged hears that
     * it resolved. False, and nothing followed, if no on-call rotation is configured any more, the
     * escalation ended, or {@code kept}'s key is followed already.
     */
    boolean restore(OpenEscalation kept, boolean open, Outbox out) {
        if (rotation.isEmpty() || followed.containsKey(kept.key())) {
            return false;
        }
        Followed f = new Followed(kept.service(), kept.severity(), kept.summary());
        f.level = Math.min(kept.level(), rotation.get().top());
        f.acknowledged = kept.acknowledged();
        f.flapping = kept.flapping();
        f.applied.addAll(kept.triggers());
        f.generation = ++generations;
        followed.put(kept.key(), f);
        if (!open) {
            end(kept.key(), AlertEvent.SYSTEM, out);
            return false;
        }
        if (kept.climbsAt().isPresent()) {
            Duration left = Duration.between(scheduler.clock().instant(), kept.climbsAt().get());
            climbLater(kept.key(), f, left.isNegative() ? Duration.ZERO : left);
        }
        return true;
    }

    /** What of {@code key}'s escalation is kept for the next start: empty if it is not followed. */
    Optional<OpenEscalation> kept(String key) {
        Followed f = followed.get(key);
        return f == null ? Optional.empty() : Optional.of(new OpenEscalation(key, f.service, f.severity, f.summary,
                f.level, f.acknowledged, f.flapping, f.applied, Optional.ofNullable(f.climbsAt)));
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
        current.climbsAt = null;
        current.timer.cancel();
        if (first) {
            out.escalationChanged(key);
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
        out.escalationChanged(key);
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
            default -> name(request.trigger());
        } + ": " + request.summary();
    }

    private static String name(EscalationTrigger trigger) {
        return trigger.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
