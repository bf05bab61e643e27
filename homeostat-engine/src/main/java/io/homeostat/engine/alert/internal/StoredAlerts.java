package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.OpenEscalation;
import io.homeostat.engine.port.StoreRefusedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the stored copy of each alert that has not resolved, and of each escalation followed, in
 * step with the engine, given an {@link ActiveAlertStore}: after an engine call changed alerts (one
 * started firing, was acknowledged or resolved) or escalations (one paged a level, was acknowledged
 * or ended), each is written as it is <em>now</em>, saved while it fires or is followed, removed
 * once it is not. The thread that changed them only notes the change; the writes
 * run on the {@linkplain StoreWriter store writer}, so a database that stops answering holds the
 * writer, not the loop's thread or an operator's call. Writes are serialised by a lock of their own
 * and read the state after taking it, so the last write of an alert is always its latest state,
 * whatever order the changes were noted in. A write the database could not take waits, with every
 * change after it, for a retry {@link Alerting#STORE_RETRY} later (set on the engine's scheduler,
 * run on the writer). One the database refused is dropped and counted. Failures are counted in the
 * engine's stats.
 * The engine's lock is taken inside this lock, never around it. Thread-safe.
 */
final class StoredAlerts {

    private final AlertEngine engine;
    private final ActiveAlertStore store;
    private final StoreWriter writer;
    /** An alert by its fingerprint, or an escalation by its key. */
    private record Item(boolean escalation, String id) {}

    /** Alerts and escalations changed since the writer last took them. */
    private final Queue<Item> noted = new ConcurrentLinkedQueue<>();
    /** Whether the writer has a drain to run that has not started yet. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final ReentrantLock writes = new ReentrantLock();
    /** Alerts and escalations taken from {@link #noted} and not written yet. Guarded by {@link #writes}. */
    private final Set<Item> unwritten = new LinkedHashSet<>();
    /** Whether a retry is set. */
    private final AtomicBoolean retrying = new AtomicBoolean();

    /** @param store where alerts are kept, or null for nowhere */
    StoredAlerts(AlertEngine engine, ActiveAlertStore store, StoreWriter writer) {
        this.engine = engine;
        this.store = store;
        this.writer = writer;
    }

    /**
     * The stored alerts, to take over at start; empty without a store.
     *
     * @throws io.homeostat.engine.port.StoreUnavailableException if the store cannot be read
     */
    List<ActiveAlert> stored() {
        return store == null ? List.of() : store.all();
    }

    /**
     * The stored escalations, to follow again at start; empty without a store.
     *
     * @throws io.homeostat.engine.port.StoreUnavailableException if the store cannot be read
     */
    List<OpenEscalation> storedEscalations() {
        return store == null ? List.of() : store.escalations();
    }

    /**
     * Notes that the alerts with {@code alerts} fingerprints and the escalations with
     * {@code escalations} keys changed and has the writer write them as they are then, or, while a
     * retry is set (the database failed lately), leave them to it. Outside the engine's lock.
     */
    void write(Collection<String> alerts, Collection<String> escalations) {
        if (store == null || (alerts.isEmpty() && escalations.isEmpty())) {
            return;
        }
        alerts.forEach(fingerprint -> noted.add(new Item(false, fingerprint)));
        escalations.forEach(key -> noted.add(new Item(true, key)));
        if (drainQueued.compareAndSet(false, true)) {
            writer.run(this::drain);
        }
    }

    /** On the writer: writes what was noted, unless a retry is set (it writes that too). */
    private void drain() {
        drainQueued.set(false); // a change noted from now on queues a drain of its own
        writes.lock();
        try {
            take();
            if (!retrying.get()) {
                writeUnwritten();
            }
        } finally {
            writes.unlock();
        }
    }

    /** On the writer, {@link Alerting#STORE_RETRY} after a failure: writes everything that waits. */
    private void retry() {
        writes.lock();
        try {
            retrying.set(false); // a failure of this retry sets the next one
            take();
            writeUnwritten();
        } finally {
            writes.unlock();
        }
    }

    /** Under {@link #writes}. */
    private void take() {
        for (Item item = noted.poll(); item != null; item = noted.poll()) {
            unwritten.add(item);
        }
    }

    /** Under {@link #writes}. */
    private void writeUnwritten() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<String> fingerprints = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Item item : unwritten) {
            (item.escalation() ? keys : fingerprints).add(item.id());
        }
        Map<String, Optional<ActiveAlert>> alerts = engine.activeStates(fingerprints);
        Map<String, Optional<OpenEscalation>> escalations = engine.escalationStates(keys);
        for (Item item : List.copyOf(unwritten)) {
            try {
                if (item.escalation()) {
                    Optional<OpenEscalation> escalation = escalations.get(item.id());
                    if (escalation.isPresent()) {
                        store.saveEscalation(escalation.get());
                    } else {
                        store.removeEscalation(item.id());
                    }
                } else {
                    Optional<ActiveAlert> alert = alerts.get(item.id());
                    if (alert.isPresent()) {
                        store.save(alert.get());
                    } else {
                        store.remove(item.id());
                    }
                }
                unwritten.remove(item);
            } catch (StoreRefusedException e) {
                unwritten.remove(item);
                engine.counters().failure();
            } catch (RuntimeException e) {
                // The database is away: the rest waits for the retry instead of each waiting for it here.
                engine.counters().failure();
                retryLater();
                return;
            }
        }
    }

    /** Sets a retry {@link Alerting#STORE_RETRY} from now, unless one is set already. */
    private void retryLater() {
        if (retrying.compareAndSet(false, true)) {
            engine.scheduler().schedule(Alerting.STORE_RETRY, () -> writer.run(this::retry));
        }
    }
}
