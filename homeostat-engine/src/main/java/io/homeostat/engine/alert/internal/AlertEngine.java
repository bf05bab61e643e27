package io.homeostat.engine.alert.internal;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.AlertingStats;
import io.homeostat.engine.alert.FlapPolicy;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.alert.UnknownAlertException;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.Channel;
import io.homeostat.engine.alert.notify.DeliveryStats;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.OpenEscalation;
import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.UpstreamCause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The alert manager. One lock guards all state; stores, audit hooks and channels are called
 * after it is released, in the order the events happened. Thread-safe.
 */
public final class AlertEngine implements Alerting {

    /** The escalation key of an alert without an incident: this, then its fingerprint. */
    private static final String ALERT_KEY = "alert:";

    private final Scheduler scheduler;
    private final Map<String, Receiver> receivers;
    private final Route root;
    private final Map<Route, String> routeIds = new IdentityHashMap<>();
    private final FlapPolicy flap;
    private final AlertStore store;
    private final List<Consumer<AlertEvent>> auditHooks;
    private final Consumer<AuditRecord> audit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, TrackedAlert> alerts = new LinkedHashMap<>();
    private final Map<String, AlertGroup> groups = new LinkedHashMap<>();
    private final Suppression suppression;
    private final Escalator escalator;
    private final List<OnCallRotation> rotation;
    private final GroupFlush flush;
    private final Counters counters = new Counters();
    private final Silencing silencing;
    private final StoredAlerts stored;

    /** Use {@link Alerting#builder}. */
    public AlertEngine(Scheduler scheduler, Map<String, Receiver> receivers, Route root, DependencyGraph graph,
            FlapPolicy flap, EscalationPolicy policy, List<OnCallRotation> rotation, AlertStore store,
            SilenceStore silences, ActiveAlertStore active, List<Consumer<AlertEvent>> auditHooks,
            Consumer<AuditRecord> audit, Executor storeWriter) {
        this.scheduler = scheduler;
        this.receivers = receivers;
        this.root = root;
        this.flap = flap;
        this.store = store;
        this.auditHooks = auditHooks;
        this.audit = audit;
        this.suppression = new Suppression(graph, flap);
        this.rotation = List.copyOf(rotation);
        this.escalator = new Escalator(policy, rotation.stream().findFirst(), scheduler, receivers,
                this::firingViewsOf, this::ackTimedOut);
        this.flush = new GroupFlush(this);
        StoreWriter writer = new StoreWriter(storeWriter);
        this.silencing = new Silencing(this, suppression, silences, writer);
        this.stored = new StoredAlerts(this, active, writer);
        number(root, "r");
    }

    /**
     * Takes over what the stores keep, before the manager is used: the silences, then the alerts
     * that had not resolved and the escalations followed. The alerts fire again as they were, in
     * their groups; one somebody had acknowledged counts as shown already, so it is neither
     * notified as new nor escalated again, while one nobody had is notified at its group's first
     * tick. The escalations are followed again at the level they had reached, without paging, and
     * climb when they were due to (at once if that passed while the manager was down), so that an
     * alert of an incident already escalated does not start over from the first level. One whose
     * incident {@code openIncident} says is over, or whose alert (without an incident) was not kept
     * firing, ends at once instead (the level last paged hears so), before anything could climb;
     * one that cannot be followed (no on-call rotation now) is forgotten.
     *
     * @param openIncident whether the incident with an id is still open
     * @throws io.homeostat.engine.port.StoreUnavailableException if a store cannot be read
     */
    public AlertEngine restore(Predicate<String> openIncident) {
        silencing.restore();
        List<ActiveAlert> kept = stored.stored();
        List<OpenEscalation> escalations = stored.storedEscalations();
        locked(out -> {
            for (ActiveAlert alert : kept) {
                if (alerts.containsKey(alert.fingerprint())) {
                    continue;
                }
                TrackedAlert tracked = new TrackedAlert(alert);
                alerts.put(alert.fingerprint(), tracked);
                join(tracked);
                if (alert.acknowledged()) {
                    tracked.groups.forEach(key -> groups.get(key).shown.put(alert.fingerprint(), true));
                }
            }
            for (OpenEscalation escalation : escalations) {
                String key = escalation.key();
                boolean open = key.startsWith(ALERT_KEY) ? alerts.containsKey(key.substring(ALERT_KEY.length()))
                        : openIncident.test(key);
                if (!escalator.restore(escalation, open, out)) {
                    out.escalationChanged(key);
                }
            }
            Instant now = now();
            for (TrackedAlert tracked : alerts.values()) {
                // muted before the restart as now: not recorded in the history again
                tracked.recordedState = suppression.judge(tracked, alerts.values(), now).state();
            }
            return null;
        });
        return this;
    }

    private void number(Route route, String id) {
        routeIds.put(route, id);
        for (int i = 0; i < route.routes().size(); i++) {
            number(route.routes().get(i), id + "." + i);
        }
    }

    @Override
    public void fire(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        locked(out -> {
            counters.reports++;
            Instant now = now();
            TrackedAlert tracked = alerts.get(alert.fingerprint());
            if (tracked == null) {
                tracked = new TrackedAlert(alert);
                alerts.put(alert.fingerprint(), tracked);
                out.event(event(tracked, AlertEvent.Kind.FIRED, AlertEvent.SYSTEM, alert.summary()));
                out.changed(alert.fingerprint());
            } else if (tracked.firing) {
                counters.deduplicated++;
                tracked.count++;
                tracked.lastSeen = alert.time();
                tracked.summary = alert.summary();
            } else {
                tracked.firing = true;
                tracked.transition(now);
                tracked.startsAt = alert.time();
                tracked.lastSeen = alert.time();
                tracked.summary = alert.summary();
                tracked.count = 1;
                tracked.acknowledgedBy = "";
                tracked.resolvedExplicitly = false;
                tracked.recordedState = AlertState.FIRING;
                out.event(event(tracked, AlertEvent.Kind.FIRED, AlertEvent.SYSTEM, "fired again: " + alert.summary()));
                out.changed(alert.fingerprint());
            }
            join(tracked);
            judge(tracked, now, out);
            return null;
        });
    }

    @Override
    public void clear(Labels labels) {
        locked(out -> {
            TrackedAlert tracked = alerts.get(labels.fingerprint());
            if (tracked != null && tracked.firing) {
                resolveTracked(tracked, AlertEvent.SYSTEM, "cleared", out);
            }
            return null;
        });
    }

    @Override
    public Silence silence(List<Matcher> matchers, Instant startsAt, Instant endsAt, String author, String comment) {
        return silencing.silence(matchers, startsAt, endsAt, author, comment);
    }

    @Override
    public boolean expire(String silenceId, String who) {
        return silencing.expire(silenceId, who);
    }

    @Override
    public List<Silence> silences() {
        return silencing.current();
    }

    @Override
    public boolean acknowledge(String fingerprint, String who) {
        return locked(out -> {
            TrackedAlert tracked = require(fingerprint);
            if (!tracked.firing || !tracked.acknowledgedBy.isEmpty()) {
                return false; // the first acknowledgement stands; a resolved alert has nothing to take
            }
            tracked.acknowledgedBy = who;
            out.event(event(tracked, AlertEvent.Kind.ACKNOWLEDGED, who, "acknowledged"));
            out.changed(fingerprint);
            acknowledgeGroups(tracked, who, out);
            escalator.acknowledge(escalationKey(tracked), who, out);
            return true;
        });
    }

    @Override
    public boolean acknowledgeIncident(String incidentId, String who) {
        return locked(out -> {
            boolean any = false;
            for (TrackedAlert tracked : alerts.values()) {
                if (tracked.firing && tracked.labels.incident().filter(incidentId::equals).isPresent()) {
                    any = true;
                    if (tracked.acknowledgedBy.isEmpty()) { // the first acknowledgement stands
                        tracked.acknowledgedBy = who;
                        out.event(event(tracked, AlertEvent.Kind.ACKNOWLEDGED, who, "incident acknowledged"));
                        out.changed(tracked.fingerprint());
                    }
                }
            }
            for (TrackedAlert tracked : alerts.values()) {
                if (tracked.firing && tracked.labels.incident().filter(incidentId::equals).isPresent()) {
                    acknowledgeGroups(tracked, who, out);
                }
            }
            return escalator.acknowledge(incidentId, who, out) || any;
        });
    }

    @Override
    public boolean resolve(String fingerprint, String who) {
        return locked(out -> {
            TrackedAlert tracked = require(fingerprint);
            if (!tracked.firing) {
                return false;
            }
            resolveTracked(tracked, who, "resolved by " + who, out);
            return true;
        });
    }

    @Override
    public int resolveIncident(String incidentId, String who) {
        return locked(out -> resolveIncidentLocked(incidentId, who, out));
    }

    @Override
    public void resolved(String incidentId, String who) {
        resolveIncident(incidentId, who);
    }

    private int resolveIncidentLocked(String incidentId, String who, Outbox out) {
        int count = 0;
        for (TrackedAlert tracked : alerts.values()) {
            if (tracked.firing && tracked.labels.incident().filter(incidentId::equals).isPresent()) {
                resolveTracked(tracked, who, "incident " + incidentId + " resolved by " + who, out);
                count++;
            }
        }
        escalator.end(incidentId, who, out);
        return count;
    }

    private void resolveTracked(TrackedAlert tracked, String who, String detail, Outbox out) {
        Instant now = now();
        tracked.firing = false;
        tracked.resolvedExplicitly = !AlertEvent.SYSTEM.equals(who);
        tracked.resolvedAt = now;
        tracked.transition(now);
        tracked.recordedState = AlertState.RESOLVED;
        out.event(event(tracked, AlertEvent.Kind.RESOLVED, who, detail));
        out.changed(tracked.fingerprint());
        String key = escalationKey(tracked);
        if (!anyFiring(key) && !escalator.heldOpen(key)) {
            escalator.end(key, who, out);
        }
    }

    @Override
    public EscalationDecision escalate(EscalationRequest request) {
        Objects.requireNonNull(request, "request");
        return locked(out -> {
            // A silence (a maintenance window) mutes the pages about what it covers, not only the alerts.
            Optional<String> silence = suppression.silencedBy(labels(request), now());
            return silence.isPresent() ? EscalationDecision.declined("silenced by " + silence.get())
                    : escalator.escalate(request, out);
        });
    }

    /** What an alert about the escalation's incident would be labelled, for the silences to judge. */
    private static Labels labels(EscalationRequest request) {
        return Labels.of(Map.of(Labels.SERVICE, request.service(), Labels.INCIDENT, request.incidentId(),
                Labels.SEVERITY, request.severity().name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<UpstreamCause> upstreamCause(String service) {
        return locked(out -> suppression.upstreamCause(service, alerts.values(), now()));
    }

    @Override
    public Optional<AlertView> alert(String fingerprint) {
        return locked(out -> Optional.ofNullable(alerts.get(fingerprint)).map(t -> view(t, now())));
    }

    @Override
    public List<String> escalated() {
        return locked(out -> escalator.keys());
    }

    @Override
    public List<AlertView> alerts() {
        return locked(out -> {
            Instant now = now();
            return alerts.values().stream().filter(t -> t.firing).map(t -> view(t, now)).toList();
        });
    }

    @Override
    public void graph(DependencyGraph graph) {
        Objects.requireNonNull(graph, "graph");
        locked(out -> {
            suppression.graph(graph);
            return null;
        });
    }

    @Override
    public AlertingStats stats() {
        return locked(out -> counters.snapshot(
                (int) alerts.values().stream().filter(t -> t.firing).count(), groups.size()));
    }

    @Override
    public Map<String, String> onCall() {
        Instant now = now();
        Map<String, String> onCall = new LinkedHashMap<>();
        rotation.forEach(r -> r.levels().forEach(level -> onCall.put(level.name(), level.onCallAt(now))));
        return Collections.unmodifiableMap(onCall);
    }

    @Override
    public Map<String, DeliveryStats> deliveries() {
        Map<String, DeliveryStats> all = new LinkedHashMap<>();
        receivers.values().stream().sorted(Comparator.comparing(Receiver::name)).forEach(receiver -> {
            for (Channel channel : receiver.channels()) {
                all.put(receiver.name() + "/" + channel.name(), channel.stats());
            }
        });
        return Collections.unmodifiableMap(all);
    }

    // ---- used by GroupFlush and the escalator, under the lock ----

    Instant now() {
        return scheduler.clock().instant();
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Counters counters() {
        return counters;
    }

    Map<String, TrackedAlert> tracked() {
        return alerts;
    }

    Map<String, AlertGroup> groups() {
        return groups;
    }

    FlapPolicy flapPolicy() {
        return flap;
    }

    Receiver receiver(String name) {
        return receivers.get(name);
    }

    /** Judges {@code tracked} now and records a change of state or of flapping. */
    Verdict judge(TrackedAlert tracked, Instant now, Outbox out) {
        Verdict verdict = suppression.judge(tracked, alerts.values(), now);
        tracked.mutedBy = verdict.mutedBy();
        if (verdict.state() != tracked.recordedState) {
            tracked.recordedState = verdict.state();
            if (verdict.state() == AlertState.SILENCED) {
                counters.silencedSuppressed++;
                out.event(event(tracked, AlertEvent.Kind.SILENCED, AlertEvent.SYSTEM, verdict.mutedBy()));
            } else if (verdict.state() == AlertState.INHIBITED) {
                counters.inhibitedSuppressed++;
                out.event(event(tracked, AlertEvent.Kind.INHIBITED, AlertEvent.SYSTEM,
                        "explained by critical " + verdict.mutedBy()));
            }
        }
        boolean flapping = tracked.flapping(now, flap.transitions(), flap.window());
        if (flapping && !tracked.recordedFlapping) {
            out.event(event(tracked, AlertEvent.Kind.FLAPPING, AlertEvent.SYSTEM,
                    tracked.transitions.size() + " transitions within " + flap.window()));
        }
        tracked.recordedFlapping = flapping;
        return verdict;
    }

    /**
     * Tells the receiver of each group {@code tracked} was shown firing in, once no alert shown
     * firing there is left unacknowledged, that the group was acknowledged (same key as its
     * notifications: PagerDuty acknowledges that incident). Under the lock.
     */
    private void acknowledgeGroups(TrackedAlert tracked, String who, Outbox out) {
        Instant now = now();
        for (String key : tracked.groups) {
            AlertGroup group = groups.get(key);
            if (group == null || !Boolean.TRUE.equals(group.shown.get(tracked.fingerprint())) || group.acknowledged) {
                continue;
            }
            List<AlertView> firing = new ArrayList<>();
            boolean all = true;
            for (Map.Entry<String, Boolean> member : group.shown.entrySet()) {
                TrackedAlert other = alerts.get(member.getKey());
                if (member.getValue() && other != null && other.firing) {
                    all &= !other.acknowledgedBy.isEmpty();
                    firing.add(view(other, now));
                }
            }
            if (all) {
                group.acknowledged = true;
                String receiver = group.route.receiver();
                out.acknowledge(receiver(receiver), new Notification(receiver, group.key, Notification.Kind.GROUP,
                        group.groupLabels, firing, List.of(), "acknowledged by " + who, "", -1, now));
            }
        }
    }

    AlertView view(TrackedAlert tracked, Instant now) {
        Verdict verdict = suppression.judge(tracked, alerts.values(), now);
        tracked.mutedBy = verdict.mutedBy();
        return tracked.view(verdict.state(), tracked.flapping(now, flap.transitions(), flap.window()));
    }

    AlertEvent event(TrackedAlert tracked, AlertEvent.Kind kind, String actor, String detail) {
        return new AlertEvent(tracked.fingerprint(), kind, now(), actor, tracked.labels.incident().orElse(""),
                tracked.labels.asMap(), detail);
    }

    /** A newly notified critical alert starts its incident's escalation (once per incident). */
    void escalateCritical(AlertView alert, Outbox out) {
        String key = alert.labels().incident().orElse(ALERT_KEY + alert.fingerprint());
        if (alert.labels().severity() == Severity.CRITICAL && !escalator.following(key)) {
            escalator.escalate(EscalationRequest.critical(key, alert.labels().service(), alert.summary()), out);
        }
    }

    static String escalationKey(TrackedAlert tracked) {
        return tracked.labels.incident().orElse(ALERT_KEY + tracked.fingerprint());
    }

    /** The alerts of {@code key} that fire and are neither silenced nor inhibited. */
    private List<AlertView> firingViewsOf(String key) {
        Instant now = now();
        List<AlertView> views = new ArrayList<>();
        for (TrackedAlert tracked : alerts.values()) {
            if (tracked.firing && escalationKey(tracked).equals(key)) {
                AlertView view = view(tracked, now);
                if (view.state() == AlertState.FIRING) {
                    views.add(view);
                }
            }
        }
        return views;
    }

    private boolean anyFiring(String key) {
        for (TrackedAlert tracked : alerts.values()) {
            if (tracked.firing && escalationKey(tracked).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private void join(TrackedAlert tracked) {
        for (Route route : root.resolve(tracked.labels)) {
            Map<String, String> groupLabels = tracked.labels.select(route.groupBy());
            String key = routeIds.get(route) + groupLabels;
            tracked.groups.add(key);
            AlertGroup group = groups.get(key);
            if (group == null) {
                group = new AlertGroup(key, route, groupLabels);
                groups.put(key, group);
                String groupKey = key;
                group.timer = scheduler.schedule(route.timing().groupWait(), () -> flush(groupKey));
            }
            group.shown.putIfAbsent(tracked.fingerprint(), false);
        }
    }

    private void ackTimedOut(String key, long generation) {
        locked(out -> {
            escalator.timedOut(key, generation, out);
            return null;
        });
    }

    /**
     * Silence {@code silenceId} ended: the groups of the alerts it muted are flushed now, so an alert
     * still firing is notified when the silence ends, not at its group's next tick (up to a group
     * interval later). A group still in its first wait keeps it. Under the lock.
     */
    void silenceEnded(String silenceId, Outbox out) {
        Set<String> keys = new LinkedHashSet<>();
        for (TrackedAlert tracked : alerts.values()) {
            if (tracked.firing && silenceId.equals(tracked.mutedBy)) {
                keys.addAll(tracked.groups);
            }
        }
        for (String key : keys) {
            AlertGroup group = groups.get(key);
            if (group != null && group.waited) {
                group.timer.cancel();
                flush.run(key, out);
            }
        }
    }

    /** Runs a group's timer tick (scheduled; takes the lock). */
    void flushLater(String groupKey) {
        flush(groupKey);
    }

    private void flush(String groupKey) {
        locked(out -> {
            flush.run(groupKey, out);
            return null;
        });
    }

    private TrackedAlert require(String fingerprint) {
        TrackedAlert tracked = alerts.get(fingerprint);
        if (tracked == null) {
            throw new UnknownAlertException(fingerprint);
        }
        return tracked;
    }

    /**
     * What of each alert in {@code fingerprints} is kept for the next start now: present while it
     * fires, empty once it resolved or was forgotten. Takes the lock; called outside it.
     */
    Map<String, Optional<ActiveAlert>> activeStates(Collection<String> fingerprints) {
        lock.lock();
        try {
            Map<String, Optional<ActiveAlert>> states = new LinkedHashMap<>();
            for (String fingerprint : fingerprints) {
                TrackedAlert tracked = alerts.get(fingerprint);
                states.put(fingerprint, tracked != null && tracked.firing ? Optional.of(tracked.kept()) : Optional.empty());
            }
            return states;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What of each escalation in {@code keys} is kept for the next start now: present while it is
     * followed, empty once it ended. Takes the lock; called outside it.
     */
    Map<String, Optional<OpenEscalation>> escalationStates(Collection<String> keys) {
        lock.lock();
        try {
            Map<String, Optional<OpenEscalation>> states = new LinkedHashMap<>();
            for (String key : keys) {
                states.put(key, escalator.kept(key));
            }
            return states;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} under the lock, then writes its events and sends its notifications. */
    <T> T locked(Function<Outbox, T> work) {
        Outbox out = new Outbox();
        T result;
        lock.lock();
        try {
            result = work.apply(out);
        } finally {
            lock.unlock();
            deliver(out);
        }
        return result;
    }

    private void deliver(Outbox out) {
        stored.write(out.changed, out.escalations);
        for (AlertEvent event : out.events) {
            try {
                store.append(event);
            } catch (RuntimeException e) {
                counters.failure();
            }
            for (Consumer<AlertEvent> hook : auditHooks) {
                try {
                    hook.accept(event);
                } catch (RuntimeException e) {
                    counters.failure();
                }
            }
        }
        for (AuditRecord record : out.audits) {
            try {
                audit.accept(record);
            } catch (RuntimeException e) {
                counters.failure();
            }
        }
        for (Outbox.Dispatch ack : out.acknowledgements) {
            try {
                ack.receiver().acknowledge(ack.notification());
            } catch (RuntimeException e) {
                counters.failure();
            }
        }
        for (Outbox.Dispatch dispatch : out.dispatches) {
            counters.notified(dispatch.notification());
            try {
                dispatch.receiver().send(dispatch.notification());
            } catch (RuntimeException e) {
                counters.failure();
            }
        }
    }
}
