package io.homeostat.engine.incident;

import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.StoreRefusedException;
import io.homeostat.engine.port.StoreUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's writes to its {@link IncidentStore}, in order. A write the store cannot take
 * because it is unreachable ({@link StoreUnavailableException}) waits here with every write after
 * it, and {@link #flush()} (each tracker tick, each later write) tries again, so a detection made
 * while the database is away is kept, not dropped. While writes wait, a newer state of an incident
 * replaces the waiting one (only the latest is written); at most {@value #MAX_ENTRIES} timeline
 * entries wait, those beyond are dropped and counted. A write the store refuses for its content
 * ({@link StoreRefusedException}) is dropped, counted and logged, and so is every later write of
 * an incident whose save was refused: it must not hold the writes of other incidents behind it.
 * Not thread-safe: the tracker's lock guards it.
 */
final class PendingWrites {

    /** The most timeline entries that wait for the store; those beyond are dropped and counted. */
    static final int MAX_ENTRIES = 10_000;

    /** The most incidents with a refused save remembered; an older one's later writes reach the store (and fail there). */
    static final int MAX_UNSAVED = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PendingWrites.class);

    /** One write to the store. */
    sealed interface Write permits Save, Update, Append {
        String incidentId();
    }

    record Save(Incident incident) implements Write {
        @Override
        public String incidentId() {
            return incident.id();
        }
    }

    record Update(Incident incident) implements Write {
        @Override
        public String incidentId() {
            return incident.id();
        }
    }

    record Append(String incidentId, TimelineEntry entry) implements Write {}

    private final IncidentStore store;
    private final List<Write> waiting = new ArrayList<>();
    /** The last {@value #MAX_UNSAVED} incidents whose save the store refused; their later writes are dropped. */
    private final Set<String> unsaved = new LinkedHashSet<>();
    private int entries;
    private long dropped;

    PendingWrites(IncidentStore store) {
        this.store = store;
    }

    /**
     * Writes in order. If nothing waits, each goes to the store now: from the first the store cannot
     * take for being unreachable, the rest wait; any other failure propagates (the writes before it
     * are done, none after it). If writes wait already, these join them and a {@link #flush()} runs.
     */
    void write(Write... writes) {
        if (waiting.isEmpty()) {
            for (int i = 0; i < writes.length; i++) {
                try {
                    apply(writes[i]);
                } catch (StoreRefusedException e) {
                    refused(writes[i], e);
                } catch (StoreUnavailableException e) {
                    LOG.warn("incident store unreachable; {} write(s) wait for it: {}", writes.length - i, e.toString());
                    for (int j = i; j < writes.length; j++) {
                        enqueue(writes[j]);
                    }
                    return;
                }
            }
            return;
        }
        for (Write w : writes) {
            enqueue(w);
        }
        flush();
    }

    /**
     * Writes what waits, in order, until the store is unreachable again. A save the store already
     * has (its answer was lost with the connection) counts as done; a write the store refuses for
     * another reason is dropped, counted and logged.
     *
     * @return true if nothing waits any more
     */
    boolean flush() {
        int done = 0;
        try {
            for (; done < waiting.size(); done++) {
                Write w = waiting.get(done);
                try {
                    apply(w);
                } catch (DuplicateIncidentException e) {
                    // stored before the connection broke: done
                } catch (StoreRefusedException e) {
                    refused(w, e);
                } catch (StoreUnavailableException e) {
                    return false;
                } catch (RuntimeException e) {
                    dropped++;
                    LOG.error("incident store refused a waiting write, dropped: {}", w, e);
                }
                if (w instanceof Append) {
                    entries--;
                }
            }
            return true;
        } finally {
            waiting.subList(0, done).clear();
        }
    }

    /** How many writes wait for the store. */
    int waiting() {
        return waiting.size();
    }

    /** How many writes were dropped (timeline entries over the bound, writes the store refused). */
    long dropped() {
        return dropped;
    }

    private void enqueue(Write w) {
        if (w instanceof Append) {
            if (entries >= MAX_ENTRIES) {
                dropped++;
                return;
            }
            entries++;
            waiting.add(w);
            return;
        }
        Incident incident = w instanceof Update u ? u.incident() : ((Save) w).incident();
        for (int i = 0; i < waiting.size(); i++) {
            Write queued = waiting.get(i);
            if (queued instanceof Save s && s.incidentId().equals(incident.id())) {
                waiting.set(i, new Save(incident));
                return;
            }
            if (queued instanceof Update u && u.incidentId().equals(incident.id())) {
                waiting.set(i, new Update(incident));
                return;
            }
        }
        waiting.add(w);
    }

    /** Drops a write the store refused for its content; a refused save drops the incident's later writes too. */
    private void refused(Write w, StoreRefusedException e) {
        dropped++;
        if (w instanceof Save) {
            unsaved.add(w.incidentId());
            if (unsaved.size() > MAX_UNSAVED) {
                unsaved.remove(unsaved.iterator().next());
            }
        }
        LOG.error("incident store refused a write, dropped ({} dropped in all): {}", dropped, e.getMessage(), e);
    }

    private void apply(Write w) {
        if (unsaved.contains(w.incidentId())) {
            dropped++; // its incident was never stored
            return;
        }
        switch (w) {
            case Save s -> store.save(s.incident());
            case Update u -> store.update(u.incident());
            case Append a -> store.append(a.incidentId(), a.entry());
        }
    }
}
