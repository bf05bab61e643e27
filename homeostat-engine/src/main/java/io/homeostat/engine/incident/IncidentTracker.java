package io.homeostat.engine.incident;

import io.homeostat.core.Listeners;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.ActiveIncident.Print;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns detections into incidents and keeps them moving through their lifecycle.
 *
 * <ul>
 *   <li><b>Dedup.</b> A firing detection whose {@linkplain Detection#fingerprintKey() fingerprint}
 *       belongs to an active incident joins it. Repeats of a fingerprint that is already firing
 *       raise the detection count (written on the next tick or change, not one write per repeat);
 *       the timeline records the first firing, a firing after a clear, a higher severity, and
 *       every clear, except that transitions of one fingerprint closer together than the
 *       {@linkplain IncidentTrackerConfig#transitionInterval() transition interval} are recorded,
 *       and told to listeners, as one: the latest state with their count ({@code transitions}),
 *       once the interval has passed. The tracker's own state (what resolution and flapping read)
 *       follows every detection at once.</li>
 *   <li><b>Correlation.</b> A firing detection with a new fingerprint joins the active incident
 *       that had a firing detection within the {@linkplain IncidentTrackerConfig#correlationWindow()
 *       correlation window} on the same service or on a service related to it in the dependency
 *       graph (either depends on the other, directly or not); if several qualify, the one that
 *       fired last. Otherwise it opens a new incident.</li>
 *   <li><b>Handed to people.</b> Automation no longer works on an {@link IncidentStatus#ESCALATED}
 *       or flapping incident, so a new failure must not disappear into one. A new fingerprint
 *       never correlates with an escalated incident, nor with a flapping one unless it is on the
 *       same service (the same flapping problem); and a fingerprint of an escalated, not flapping,
 *       incident that had cleared and fires again opens a new incident (which takes the
 *       fingerprint over), so recovery considers it afresh. A fingerprint still firing joins as
 *       before, and so does every fingerprint of a flapping incident (flap detection needs them).</li>
 *   <li><b>Resolution.</b> On each {@link #tick()}, an incident whose every fingerprint has
 *       cleared, or has not fired, for the {@linkplain IncidentTrackerConfig#holdPeriod() hold
 *       period} resolves. Detectors must therefore repeat a firing detection well within the hold
 *       period while their condition holds ({@link IncidentTrackerConfig#firingRepeat()}).</li>
 *   <li><b>A breach outlasting its incident.</b> An incident resolved by somebody (a verified
 *       recovery, an operator) while one of its fingerprints still fires leaves that breach's tail
 *       alone: the fingerprint's repeated firing detections open no new incident for one hold
 *       period after the resolution (a failed-over provider's latency window still holds its slow
 *       calls until they age out). Its cleared detection ends that, so a breach that clears and
 *       comes back opens a new incident at once, as does one still firing a hold period after.</li>
 *   <li><b>Flapping.</b> If the incident's fingerprint already resolved
 *       {@linkplain IncidentTrackerConfig#flapThreshold() K} times within the flap window, the
 *       incident is marked flapping instead of resolving, and resolves only after being quiet for
 *       the whole flap window.</li>
 * </ul>
 *
 * <p>Every change told is written to the {@link IncidentStore} (the incident, then its timeline
 * entry) before the tracker's own state moves and before listeners hear of it; what waits to be
 * told (above) is written by the next tick, by {@link #flush()}, and before the incident
 * resolves. While the store is
 * unreachable ({@link io.homeostat.engine.port.StoreUnavailableException}) the change is made in
 * memory all the same and its writes wait, in order, to be written on a later tick or change
 * ({@link #pendingWrites()}): a detection made while the database is away is kept, not dropped.
 * Any other store failure propagates to the caller and leaves the tracker as it was. Times come
 * from the injected {@link Clock}, at millisecond precision.
 *
 * <p>Thread-safe: detections, ticks and transitions are serialised by one lock (the engine feeds
 * detections from one thread, the scheduler ticks from another). Listeners run on the calling
 * thread, in order, while the lock is held: they must be quick and must not block; one that
 * throws is counted ({@link #listenerFailures()}) and stays subscribed.
 */
public final class IncidentTracker {

    /** The actor named when the tracker moves an incident by itself. */
    public static final String SELF = "homeostat";

    private final IncidentStore store;
    private final Clock clock;
    private final Correlator correlator;
    private final IncidentTrackerConfig config;
    private final Listeners<IncidentEvent> listeners = new Listeners<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ActiveIncident> active = new LinkedHashMap<>();
    private final Map<String, ActiveIncident> byFingerprint = new HashMap<>();
    /** Fingerprints still firing when somebody resolved their incident, with when: their tails. */
    private final Map<String, Instant> resolvedWhileFiring = new HashMap<>();
    /**
     * What {@link #active()} returns: the active incidents as of the last change, replaced (under
     * the lock) at every change before listeners hear of it, read without the lock. Readers such as
     * the API's overview need not wait while the loop holds the lock for a detection (whose
     * handling writes to the store and runs the listeners).
     */
    private volatile List<Incident> activeView = List.of();
    private final FlapHistory flaps;
    private final PendingWrites writes;

    IncidentTracker(IncidentStore store, Clock clock, Supplier<DependencyGraph> graph, IncidentTrackerConfig config) {
        this.store = store;
        this.clock = clock;
        this.correlator = new Correlator(graph, config.correlationWindow());
        this.config = config;
        this.flaps = new FlapHistory(config.flapThreshold(), config.flapWindow());
        this.writes = new PendingWrites(store);
        recover();
    }

    /**
     * A builder over {@code store}; defaults: the system clock, an empty dependency graph and
     * {@link IncidentTrackerConfig#ofDefaults()}.
     */
    public static IncidentTrackerBuilder builder(IncidentStore store) {
        return new IncidentTrackerBuilder(Objects.requireNonNull(store, "store"));
    }

    /**
     * Takes one detection: it joins an active incident (by fingerprint, or by correlation) or opens
     * a new one. A cleared detection whose fingerprint is in no active incident is ignored, and so
     * is a firing one that is the tail of a breach whose incident was resolved (see the class comment).
     *
     * @return the incident the detection joined or opened, after the change; empty if ignored
     * @throws NullPointerException if {@code detection} is null
     */
    public Optional<Incident> observe(Detection detection) {
        Objects.requireNonNull(detection, "detection");
        lock.lock();
        try {
            Instant now = now();
            ActiveIncident owner = byFingerprint.get(detection.fingerprintKey());
            if (owner != null && detection.firing() && owner.incident.status() == IncidentStatus.ESCALATED
                    && !owner.incident.flapping() && !owner.prints.get(detection.fingerprintKey()).firing) {
                // It had cleared: a new failure, which must not vanish into an incident automation left to people.
                byFingerprint.remove(detection.fingerprintKey());
                owner = null;
            }
            if (owner != null) {
                return Optional.of(join(owner, detection, now));
            }
            if (!detection.firing()) {
                resolvedWhileFiring.remove(detection.fingerprintKey());
                return Optional.empty();
            }
            if (isTailOfResolvedBreach(detection.fingerprintKey(), now)) {
                return Optional.empty();
            }
            Optional<Correlator.Match> correlation = correlator.find(active.values(), detection.service(), now);
            if (correlation.isPresent()) {
                return Optional.of(correlate(correlation.get(), detection, now));
            }
            return Optional.of(open(detection, now));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what waits for the store (if it is back), resolves the incidents that have been quiet
     * for the hold period (the flap window if flapping) and marks flapping ones; the scheduler calls it every
     * {@link IncidentTrackerConfig#tickInterval()} once {@link #start started}.
     */
    public void tick() {
        lock.lock();
        try {
            writes.flush();
            Instant now = now();
            flaps.prune(now);
            resolvedWhileFiring.values().removeIf(resolved -> !resolved.plus(config.holdPeriod()).isAfter(now));
            for (ActiveIncident incident : List.copyOf(active.values())) {
                catchUp(incident, now, false);
            }
            for (ActiveIncident incident : List.copyOf(active.values())) {
                Duration needed = incident.incident.flapping() ? config.flapWindow() : config.holdPeriod();
                if (incident.quietSince().plus(needed).isAfter(now)) {
                    continue;
                }
                String fingerprint = incident.incident.fingerprint();
                if (!incident.incident.flapping() && flaps.wouldFlap(fingerprint, now)) {
                    markFlapping(incident, flaps.count(fingerprint, now), now);
                } else {
                    String reason = "every fingerprint cleared or silent for " + needed;
                    move(incident, IncidentStatus.RESOLVED, SELF, reason, Map.of(), now);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes and tells at once what waits to be: the latest state of fingerprints whose transitions
     * came within the {@linkplain IncidentTrackerConfig#transitionInterval() transition interval},
     * and detection counts not yet written. Call before shutting down; ticks do it by themselves.
     */
    public void flush() {
        lock.lock();
        try {
            Instant now = now();
            for (ActiveIncident incident : List.copyOf(active.values())) {
                catchUp(incident, now, true);
            }
            writes.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ticks every {@link IncidentTrackerConfig#tickInterval()} on {@code scheduler}.
     *
     * @return a handle that stops the ticking
     */
    public Cancellable start(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        return scheduler.scheduleAtFixedRate(config.tickInterval(), config.tickInterval(), this::tick);
    }

    /**
     * Records a diagnosis: moves the incident to {@link IncidentStatus#DIAGNOSED}.
     *
     * @param evidence what the diagnosis rests on (category, probable causes); written to the timeline
     * @return the incident after the move
     * @throws IncidentNotFoundException if no incident has that id
     * @throws IllegalIncidentTransitionException if the incident cannot move there from its state
     */
    public Incident diagnose(String incidentId, String reason, Map<String, String> evidence) {
        return transition(incidentId, IncidentStatus.DIAGNOSED, SELF, reason, evidence);
    }

    /**
     * Records that a remedy runs: moves the incident to {@link IncidentStatus#REMEDIATING}.
     *
     * @throws IncidentNotFoundException if no incident has that id
     * @throws IllegalIncidentTransitionException if the incident cannot move there from its state
     */
    public Incident remediate(String incidentId, String reason) {
        return transition(incidentId, IncidentStatus.REMEDIATING, SELF, reason, Map.of());
    }

    /**
     * Resolves the incident now, on someone's word, whatever its signals say.
     *
     * @param by who resolved it, e.g. a user name or {@code workflow:restart-pool}
     * @throws IncidentNotFoundException if no incident has that id
     * @throws IllegalIncidentTransitionException if it is resolved already
     */
    public Incident resolve(String incidentId, String by, String reason) {
        return transition(incidentId, IncidentStatus.RESOLVED, by, reason, Map.of());
    }

    /**
     * Hands the incident to people: moves it to {@link IncidentStatus#ESCALATED}.
     *
     * @throws IncidentNotFoundException if no incident has that id
     * @throws IllegalIncidentTransitionException if the incident cannot move there from its state
     */
    public Incident escalate(String incidentId, String reason) {
        return transition(incidentId, IncidentStatus.ESCALATED, SELF, reason, Map.of());
    }

    /**
     * Writes a {@link TimelineEntry.Type#NOTE} on an active incident's timeline.
     *
     * @throws IncidentNotFoundException if no active incident has that id
     */
    public void note(String incidentId, String message, Map<String, String> evidence) {
        lock.lock();
        try {
            ActiveIncident incident = active.get(incidentId);
            if (incident == null) {
                throw new IncidentNotFoundException(incidentId);
            }
            writes.write(new PendingWrites.Append(incidentId, TimelineEntry.of(now(), TimelineEntry.Type.NOTE, message,
                    evidence)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The active incidents, in the order they opened, as of the last change (a reader does not wait
     * for a change in progress; a listener sees the change it is told of).
     */
    public List<Incident> active() {
        return activeView;
    }

    /** The active incident that has {@code fingerprint} among its fingerprints, if any. */
    public Optional<Incident> activeByFingerprint(String fingerprint) {
        lock.lock();
        try {
            return Optional.ofNullable(byFingerprint.get(fingerprint)).map(a -> a.incident);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subscribes {@code listener} to every event from now on.
     *
     * @return closing it unsubscribes
     */
    public AutoCloseable listen(Consumer<? super IncidentEvent> listener) {
        return listeners.add(listener);
    }

    /**
     * How many writes wait for the store because it was unreachable (0 when all is stored); they
     * are written on the next tick or change once it is back.
     */
    public int pendingWrites() {
        lock.lock();
        try {
            return writes.waiting();
        } finally {
            lock.unlock();
        }
    }

    /** How many writes were given up: timeline entries beyond the bound while the store was away, or refused by it. */
    public long droppedWrites() {
        lock.lock();
        try {
            return writes.dropped();
        } finally {
            lock.unlock();
        }
    }

    /** How many times a listener threw. */
    public long listenerFailures() {
        return listeners.failures();
    }

    /** The configuration in use. */
    public IncidentTrackerConfig config() {
        return config;
    }

    private Incident open(Detection detection, Instant now) {
        Incident incident = Incident.builder().id(UUID.randomUUID().toString())
                .fingerprint(detection.fingerprintKey()).title(DetectionEntries.title(detection))
                .addService(detection.service()).severity(detection.severity()).openedAt(now).updatedAt(now)
                .detectionCount(1).build();
        writes.write(new PendingWrites.Save(incident), new PendingWrites.Append(incident.id(),
                DetectionEntries.entry(now, TimelineEntry.Type.OPENED, detection, Map.of())));
        ActiveIncident state = new ActiveIncident(incident, now);
        state.prints.put(detection.fingerprintKey(), new Print(now, detection.severity()));
        active.put(incident.id(), state);
        byFingerprint.put(detection.fingerprintKey(), state);
        publishActive();
        listeners.fire(new IncidentEvent.Opened(now, incident, detection));
        return incident;
    }

    private Incident join(ActiveIncident owner, Detection detection, Instant now) {
        Print print = owner.prints.get(detection.fingerprintKey());
        IncidentBuilder next = owner.incident.toBuilder().updatedAt(now)
                .detectionCount(owner.incident.detectionCount() + 1);
        if (detection.firing()) {
            next.severity(owner.incident.severity().max(detection.severity()));
        }
        Incident incident = next.build();
        boolean transition = detection.firing() != print.firing;
        boolean higher = detection.firing() && print.firing && detection.severity().compareTo(print.severity) < 0;
        // Too soon after the last transition told: the state moves now, the telling waits (next detection or tick).
        boolean held = (transition || print.untold > 0) && print.damped(now, config.transitionInterval());
        boolean tell = !held && (transition || print.untold > 0 || higher);
        if (tell) {
            String reason = higher && !transition && print.untold == 0 ? "higher severity" : "firing again";
            writes.write(new PendingWrites.Update(incident), new PendingWrites.Append(incident.id(),
                    entry(detection, transition ? print.untold + 1 : print.untold, reason, now)));
        }
        // Otherwise a held transition, or a repeat of the state told: the count is written on the next tick or write.
        owner.incident = incident;
        owner.unwritten = !tell;
        print.observe(detection, now);
        if (detection.firing()) {
            owner.lastFiringAt = now;
        }
        if (tell) {
            print.told(now);
        } else if (held) {
            print.untold += transition ? 1 : 0;
            print.pending = detection;
        }
        publishActive();
        if (!held) {
            listeners.fire(new IncidentEvent.DetectionAdded(now, incident, detection));
        }
        return incident;
    }

    /**
     * The timeline entry telling {@code detection}'s state: {@code transitions} since the last entry
     * of its fingerprint (more than one when some came too soon to be told one by one).
     */
    private static TimelineEntry entry(Detection detection, int transitions, String reason, Instant now) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (detection.firing()) {
            extra.put("reason", reason);
        }
        if (transitions > 1) {
            extra.put("transitions", Integer.toString(transitions));
        }
        return DetectionEntries.entry(now,
                detection.firing() ? TimelineEntry.Type.DETECTION : TimelineEntry.Type.CLEARED, detection, extra);
    }

    /**
     * Tells what waits for the incident: the latest state of each fingerprint whose transitions came
     * too soon to be told (once their interval has passed, or at once if {@code force}), then the
     * incident's count if it is still unwritten.
     */
    private void catchUp(ActiveIncident state, Instant now, boolean force) {
        for (Print print : state.prints.values()) {
            if (print.untold == 0 || !force && print.damped(now, config.transitionInterval())) {
                continue;
            }
            Detection detection = print.pending;
            writes.write(new PendingWrites.Update(state.incident), new PendingWrites.Append(state.incident.id(),
                    entry(detection, print.untold, "firing again", now)));
            state.unwritten = false;
            print.told(now);
            listeners.fire(new IncidentEvent.DetectionAdded(now, state.incident, detection));
        }
        if (state.unwritten) {
            writes.write(new PendingWrites.Update(state.incident));
            state.unwritten = false;
        }
    }

    private Incident correlate(Correlator.Match correlation, Detection detection, Instant now) {
        ActiveIncident owner = correlation.incident();
        Incident incident = owner.incident.toBuilder().updatedAt(now)
                .detectionCount(owner.incident.detectionCount() + 1)
                .severity(owner.incident.severity().max(detection.severity()))
                .addFingerprint(detection.fingerprintKey()).addService(detection.service()).build();
        writes.write(new PendingWrites.Update(incident), new PendingWrites.Append(incident.id(),
                DetectionEntries.entry(now, TimelineEntry.Type.CORRELATED, detection,
                        Map.of("relatedService", correlation.relatedService(), "relation", correlation.relation()))));
        owner.incident = incident;
        owner.unwritten = false;
        owner.lastFiringAt = now;
        owner.prints.put(detection.fingerprintKey(), new Print(now, detection.severity()));
        byFingerprint.put(detection.fingerprintKey(), owner);
        publishActive();
        listeners.fire(new IncidentEvent.Correlated(now, incident, detection, correlation.relatedService()));
        return incident;
    }

    private void markFlapping(ActiveIncident state, int resolutions, Instant now) {
        Incident incident = state.incident.toBuilder().flapping(true).updatedAt(now).build();
        writes.write(new PendingWrites.Update(incident), new PendingWrites.Append(incident.id(), TimelineEntry.of(now,
                TimelineEntry.Type.FLAPPING,
                "resolved " + resolutions + " times within " + config.flapWindow()
                        + "; stays open until quiet for " + config.flapWindow(),
                Map.of("resolutions", Integer.toString(resolutions), "window", config.flapWindow().toString(),
                        "threshold", Integer.toString(config.flapThreshold())))));
        state.incident = incident;
        state.unwritten = false;
        publishActive();
        listeners.fire(new IncidentEvent.Flapping(now, incident, resolutions, config.flapWindow()));
    }

    private Incident transition(String incidentId, IncidentStatus to, String by, String reason,
            Map<String, String> evidence) {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
        lock.lock();
        try {
            ActiveIncident state = active.get(incidentId);
            if (state == null) {
                Incident stored = store.find(incidentId).orElseThrow(() -> new IncidentNotFoundException(incidentId));
                throw new IllegalIncidentTransitionException(incidentId, stored.status(), to);
            }
            if (!state.incident.status().canMoveTo(to)) {
                throw new IllegalIncidentTransitionException(incidentId, state.incident.status(), to);
            }
            return move(state, to, by, reason, evidence, now());
        } finally {
            lock.unlock();
        }
    }

    private Incident move(ActiveIncident state, IncidentStatus to, String by, String reason,
            Map<String, String> evidence, Instant now) {
        if (to == IncidentStatus.RESOLVED) {
            catchUp(state, now, true); // its timeline ends with what its fingerprints last did
        }
        IncidentStatus from = state.incident.status();
        IncidentBuilder next = state.incident.toBuilder().status(to).updatedAt(now);
        if (to == IncidentStatus.RESOLVED) {
            next.resolvedAt(now);
        }
        Incident incident = next.build();
        Map<String, String> all = new LinkedHashMap<>(evidence);
        all.put("from", from.name());
        all.put("to", to.name());
        all.put("by", by);
        all.put("reason", reason);
        writes.write(new PendingWrites.Update(incident), new PendingWrites.Append(incident.id(),
                TimelineEntry.of(now, TimelineEntry.Type.STATUS_CHANGED, from + " -> " + to + ": " + reason, all)));
        state.incident = incident;
        state.unwritten = false;
        if (to == IncidentStatus.RESOLVED) {
            active.remove(incident.id());
            // A fingerprint that fired again after an escalation belongs to a newer incident by now.
            incident.fingerprints().forEach(fingerprint -> byFingerprint.remove(fingerprint, state));
            flaps.record(incident.fingerprint(), now);
            if (!by.equals(SELF)) {
                state.prints.forEach((fingerprint, print) -> {
                    if (print.firing) {
                        resolvedWhileFiring.put(fingerprint, now);
                    }
                });
            }
        }
        publishActive();
        listeners.fire(new IncidentEvent.StatusChanged(now, incident, from, to, by, reason));
        return incident;
    }

    /**
     * Whether a firing detection of {@code fingerprint} is the tail of a breach whose incident
     * somebody resolved less than a hold period ago (see the class comment). Under the lock.
     */
    private boolean isTailOfResolvedBreach(String fingerprint, Instant now) {
        Instant resolved = resolvedWhileFiring.get(fingerprint);
        if (resolved == null) {
            return false;
        }
        if (resolved.plus(config.holdPeriod()).isAfter(now)) {
            return true;
        }
        resolvedWhileFiring.remove(fingerprint);
        return false;
    }

    /** Takes over the active incidents the store holds, as if each fingerprint had just fired. */
    private void recover() {
        Instant now = now();
        IncidentQuery query = IncidentQuery.all().withLimit(IncidentQuery.MAX_LIMIT).withStatus(
                IncidentStatus.OPEN, IncidentStatus.DIAGNOSED, IncidentStatus.REMEDIATING, IncidentStatus.ESCALATED);
        List<Incident> stored = new ArrayList<>(store.list(query));
        Collections.reverse(stored);
        for (Incident incident : stored) {
            ActiveIncident state = new ActiveIncident(incident, now);
            for (String fingerprint : incident.fingerprints()) {
                if (!byFingerprint.containsKey(fingerprint)) {
                    state.prints.put(fingerprint, new Print(now, incident.severity()));
                    byFingerprint.put(fingerprint, state);
                }
            }
            active.put(incident.id(), state);
        }
        publishActive();
    }

    /** Replaces {@link #activeView}; called under the lock after every change to the active incidents. */
    private void publishActive() {
        List<Incident> view = new ArrayList<>(active.size());
        for (ActiveIncident state : active.values()) {
            view.add(state.incident);
        }
        activeView = List.copyOf(view);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.wallMillis());
    }
}
