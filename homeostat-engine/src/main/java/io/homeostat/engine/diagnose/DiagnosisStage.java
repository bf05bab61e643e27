package io.homeostat.engine.diagnose;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.incident.IllegalIncidentTransitionException;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentNotFoundException;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The diagnosis step of the loop: on each {@link #tick()}, every OPEN incident that has been open
 * for the {@linkplain #settle() settle time} is diagnosed with the detections collected from the
 * tracker's events and moved to DIAGNOSED through {@link Diagnoser#apply}. The settle time lets
 * a cascade gather in one incident first (callers' detections usually follow a dependency's
 * within seconds). The latest diagnosis of each active incident is kept for the planner
 * ({@link #latest}) and handed to listeners; it is forgotten when the incident resolves.
 *
 * <p>Thread-safe. Ticks are serialised; tracker events are handled without waiting on a tick, so
 * the tracker's lock and the stage's never nest the wrong way round. Listeners run on the ticking
 * thread; one that throws is counted ({@link #failures()}) and stays subscribed. A diagnosis that
 * cannot be applied (the incident moved on meanwhile) is counted too.
 */
public final class DiagnosisStage {

    /** The default settle time: {@value #DEFAULT_SETTLE_SECONDS} s. */
    public static final long DEFAULT_SETTLE_SECONDS = 30;

    private static final int MAX_KEPT = 1024;

    private final IncidentTracker tracker;
    private final Diagnoser diagnoser;
    private final Clock clock;
    private final Duration settle;
    private final IncidentDetections detections = new IncidentDetections();
    private final ReentrantLock ticking = new ReentrantLock();
    private final Map<String, Diagnosis> latest = new LinkedHashMap<>();
    private final List<Consumer<? super Diagnosis>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    private DiagnosisStage(IncidentTracker tracker, Diagnoser diagnoser, Clock clock, Duration settle) {
        this.tracker = tracker;
        this.diagnoser = diagnoser;
        this.clock = clock;
        this.settle = settle;
    }

    /**
     * A stage that diagnoses {@code tracker}'s incidents with {@code diagnoser}, subscribed to the
     * tracker's events from now on.
     *
     * @param settle how long an incident stays OPEN before it is diagnosed; zero diagnoses on the next tick
     * @throws IllegalArgumentException if {@code settle} is negative
     */
    public static DiagnosisStage attach(IncidentTracker tracker, Diagnoser diagnoser, Clock clock, Duration settle) {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(diagnoser, "diagnoser");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, was " + settle);
        }
        DiagnosisStage stage = new DiagnosisStage(tracker, diagnoser, clock, settle);
        tracker.listen(stage.detections);
        tracker.listen(stage::forgetResolved);
        return stage;
    }

    /** Diagnoses the OPEN incidents that have settled. */
    public void tick() {
        ticking.lock();
        try {
            Instant now = Instant.ofEpochMilli(clock.wallMillis());
            for (Incident incident : tracker.active()) {
                if (incident.status() != IncidentStatus.OPEN || incident.openedAt().plus(settle).isAfter(now)) {
                    continue;
                }
                Diagnosis diagnosis;
                try {
                    diagnosis = diagnoser.apply(tracker, incident, detections.of(incident.id()));
                } catch (IllegalIncidentTransitionException | IncidentNotFoundException e) {
                    failures.incrementAndGet();
                    continue;
                }
                keep(diagnosis);
                for (Consumer<? super Diagnosis> listener : listeners) {
                    try {
                        listener.accept(diagnosis);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }
        } finally {
            ticking.unlock();
        }
    }

    /**
     * Ticks every {@code interval} on {@code scheduler}.
     *
     * @return a handle that stops the ticking
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Cancellable start(Scheduler scheduler, Duration interval) {
        Objects.requireNonNull(scheduler, "scheduler");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return scheduler.scheduleAtFixedRate(interval, interval, this::tick);
    }

    /** The latest diagnosis of an active incident, if it has one. */
    public Optional<Diagnosis> latest(String incidentId) {
        synchronized (latest) {
            return Optional.ofNullable(latest.get(incidentId));
        }
    }

    /**
     * Subscribes {@code listener} to every diagnosis from now on.
     *
     * @return closing it unsubscribes
     */
    public AutoCloseable listen(Consumer<? super Diagnosis> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many diagnoses could not be applied, plus how many times a listener threw. */
    public long failures() {
        return failures.get();
    }

    /** How long an incident stays OPEN before it is diagnosed. */
    public Duration settle() {
        return settle;
    }

    /** The diagnoser, e.g. to {@link Diagnoser#replaceRules replace its rules}. */
    public Diagnoser diagnoser() {
        return diagnoser;
    }

    private void keep(Diagnosis diagnosis) {
        synchronized (latest) {
            latest.put(diagnosis.incidentId(), diagnosis);
            if (latest.size() > MAX_KEPT) {
                latest.remove(latest.keySet().iterator().next());
            }
        }
    }

    private void forgetResolved(IncidentEvent event) {
        if (event instanceof IncidentEvent.StatusChanged changed && changed.to() == IncidentStatus.RESOLVED) {
            synchronized (latest) {
                latest.remove(changed.incident().id());
            }
        }
    }
}
