package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.StoreRefusedException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the stored copy of each alert that has not resolved in step with the engine, given an
 * {@link ActiveAlertStore}: after an engine call changed alerts (one started firing, was
 * acknowledged or resolved), each changed alert is written as it is <em>now</em>, saved while it
 * fires, removed once it does not. Writes are serialised by a lock of their own and read the state
 * after taking it, so the last write of an alert is always its latest state, whatever order the
 * calls that changed it finish in. A write the database could not take waits, with every change
 * after it, for a retry {@link Alerting#STORE_RETRY} later (on the engine's scheduler): meanwhile
 * a change is only noted, so the threads that change alerts (the loop's among them) do not each
 * wait for an unreachable database. One the database refused is dropped and counted. Failures are
 * counted in the engine's stats.
 * The engine's lock is taken inside this lock, never around it. Thread-safe.
 */
final class StoredAlerts {

    private final AlertEngine engine;
    private final ActiveAlertStore store;
    private final ReentrantLock writes = new ReentrantLock();
    /** Fingerprints changed and not written yet. Guarded by {@link #writes}. */
    private final Set<String> unwritten = new LinkedHashSet<>();
    /** Whether a retry is set. */
    private final AtomicBoolean retrying = new AtomicBoolean();

    /** @param store where alerts are kept, or null for nowhere */
    StoredAlerts(AlertEngine engine, ActiveAlertStore store) {
        this.engine = engine;
        this.store = store;
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
     * Writes the alerts with {@code changed} fingerprints as they are now, or, while a retry is
     * set (the database failed lately), leaves them to it. Outside the engine's lock.
     */
    void write(Collection<String> changed) {
        write(changed, false);
    }

    private void write(Collection<String> changed, boolean retry) {
        if (store == null) {
            return;
        }
        writes.lock();
        try {
            unwritten.addAll(changed);
            if (unwritten.isEmpty() || retrying.get() && !retry) {
                return;
            }
            Map<String, Optional<ActiveAlert>> now = engine.activeStates(unwritten);
            for (Map.Entry<String, Optional<ActiveAlert>> alert : now.entrySet()) {
                try {
                    if (alert.getValue().isPresent()) {
                        store.save(alert.getValue().get());
                    } else {
                        store.remove(alert.getKey());
                    }
                    unwritten.remove(alert.getKey());
                } catch (StoreRefusedException e) {
                    unwritten.remove(alert.getKey());
                    engine.counters().failure();
                } catch (RuntimeException e) {
                    // The database is away: the rest waits for the retry instead of each waiting for it here.
                    engine.counters().failure();
                    retryLater();
                    return;
                }
            }
        } finally {
            writes.unlock();
        }
    }

    /** Writes what waits {@link Alerting#STORE_RETRY} from now, unless a retry is set already. Under {@link #writes}. */
    private void retryLater() {
        if (retrying.compareAndSet(false, true)) {
            engine.scheduler().schedule(Alerting.STORE_RETRY, () -> {
                writes.lock();
                try {
                    retrying.set(false); // a failure of this retry sets the next one
                    write(List.of(), true);
                } finally {
                    writes.unlock();
                }
            });
        }
    }
}
