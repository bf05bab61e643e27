package io.homeostat.store.jdbc;

import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The loop-state writes that wait in the spool, in memory, in the order they were spooled: what
 * the stores' reads lay over what the database returns, so that the loop sees its own writes
 * while the database is away. Per incident and per run it keeps the latest state written and
 * whether the entity was created while waiting ({@linkplain #incidentBorn born}: the database
 * then holds nothing of it, and its timeline, diagnoses or steps can be read from here alone).
 *
 * <p>Thread-safe: the journal adds and removes under its own lock; readers copy what they need
 * under this one's.
 */
final class PendingLoopState {

    /** One spooled entry: its write, or null for an entry that could not be read back at start. */
    private record Slot(LoopWrite write) {}

    /** The latest pending state of one entity and how many pending writes made it. */
    private static final class Entity<T> {
        T latest;
        int writes;
        boolean born;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Slot> order = new ArrayDeque<>();
    private final Map<String, Entity<Incident>> incidents = new LinkedHashMap<>();
    private final Map<String, List<LoopWrite.AppendTimeline>> timelines = new HashMap<>();
    private final Map<String, List<Diagnosis>> diagnoses = new LinkedHashMap<>();
    private final Map<String, Entity<WorkflowRun>> runs = new LinkedHashMap<>();
    private final Map<String, List<LoopWrite.AppendStep>> steps = new HashMap<>();

    /** Whether no write waits. */
    boolean isEmpty() {
        return locked(() -> order.isEmpty());
    }

    int size() {
        return locked(order::size);
    }

    /**
     * Checks {@code write} against what waits, as the database would if it could be asked: an
     * incident or run id already taken, a second active run of an incident, a run update that does
     * not follow the waiting version. What only the database knows cannot be checked here.
     *
     * @return false if the write changes nothing (a diagnosis of the same incident and instant waits already)
     * @throws DuplicateIncidentException, RunConflictException, StaleRunException as the ports describe
     */
    boolean check(LoopWrite write) {
        return locked(() -> switch (write) {
            case LoopWrite.SaveIncident w -> {
                if (incidents.containsKey(w.incident().id())) {
                    throw new DuplicateIncidentException(w.incident().id());
                }
                yield true;
            }
            case LoopWrite.SaveDiagnosis w -> diagnoses.getOrDefault(w.diagnosis().incidentId(), List.of()).stream()
                    .noneMatch(d -> d.diagnosedAt().equals(w.diagnosis().diagnosedAt()));
            case LoopWrite.CreateRun w -> {
                if (runs.containsKey(w.run().runId())) {
                    throw new RunConflictException("run " + w.run().runId() + " not created: its id is taken");
                }
                requireNoOtherActiveRun(w.run());
                yield true;
            }
            case LoopWrite.UpdateRun w -> {
                Entity<WorkflowRun> waiting = runs.get(w.run().runId());
                if (waiting != null && waiting.latest.version() != w.run().version() - 1) {
                    throw new StaleRunException("run " + w.run().runId() + " is not at version " + (w.run().version() - 1)
                            + " (version " + waiting.latest.version() + " waits to be written)");
                }
                requireNoOtherActiveRun(w.run());
                yield true;
            }
            default -> true;
        });
    }

    /** Adds a write that was just spooled. */
    void add(LoopWrite write) {
        locked(() -> {
            order.addLast(new Slot(write));
            apply(write);
            return null;
        });
    }

    /** Adds a spooled entry that could not be read back (it keeps its place in the order). */
    void addUnreadable() {
        locked(() -> {
            order.addLast(new Slot(null));
            return null;
        });
    }

    /** The oldest {@code n} waiting writes (null for unreadable entries), oldest first. */
    List<LoopWrite> head(int n) {
        return locked(() -> {
            List<LoopWrite> head = new ArrayList<>(Math.min(n, order.size()));
            for (Slot slot : order) {
                if (head.size() == n) {
                    break;
                }
                head.add(slot.write());
            }
            return head;
        });
    }

    /** Forgets the oldest waiting write: it is in the database now (or was refused for good). */
    void removeOldest() {
        locked(() -> {
            Slot slot = order.removeFirst();
            if (slot.write() != null) {
                unapply(slot.write());
            }
            return null;
        });
    }

    Optional<Incident> incident(String id) {
        return locked(() -> Optional.ofNullable(incidents.get(id)).map(e -> e.latest));
    }

    private boolean bornIncident(String id) {
        Entity<Incident> e = incidents.get(id);
        return e != null && e.born;
    }

    /** The latest waiting state of every incident with a waiting write, in the order first written. */
    List<Incident> incidents() {
        return locked(() -> incidents.values().stream().map(e -> e.latest).toList());
    }

    /**
     * What waits of one entity's appended rows, with whether the entity itself was created while
     * waiting (then the database holds none of its rows), read at one moment.
     */
    record Waiting<T>(boolean born, List<T> rows) {}

    Waiting<LoopWrite.AppendTimeline> timeline(String incidentId) {
        return locked(() -> new Waiting<>(bornIncident(incidentId),
                List.copyOf(timelines.getOrDefault(incidentId, List.of()))));
    }

    Waiting<Diagnosis> diagnoses(String incidentId) {
        return locked(() -> new Waiting<>(bornIncident(incidentId),
                List.copyOf(diagnoses.getOrDefault(incidentId, List.of()))));
    }

    /** Every waiting diagnosis, in the order saved. */
    List<Diagnosis> diagnoses() {
        return locked(() -> order.stream().map(Slot::write)
                .flatMap(w -> w instanceof LoopWrite.SaveDiagnosis d ? Stream.of(d.diagnosis()) : Stream.empty())
                .toList());
    }

    Optional<WorkflowRun> run(String runId) {
        return locked(() -> Optional.ofNullable(runs.get(runId)).map(e -> e.latest));
    }

    /** The waiting runs of an incident, with whether the incident was saved while waiting (then the database holds none). */
    Waiting<WorkflowRun> runsOf(String incidentId) {
        return locked(() -> new Waiting<>(bornIncident(incidentId), runs.values().stream().map(e -> e.latest)
                .filter(r -> r.incidentId().equals(incidentId)).toList()));
    }

    List<WorkflowRun> runs() {
        return locked(() -> runs.values().stream().map(e -> e.latest).toList());
    }

    Waiting<LoopWrite.AppendStep> steps(String runId) {
        return locked(() -> new Waiting<>(runs.containsKey(runId) && runs.get(runId).born,
                List.copyOf(steps.getOrDefault(runId, List.of()))));
    }

    private void requireNoOtherActiveRun(WorkflowRun run) {
        if (!run.phase().active()) {
            return;
        }
        for (Entity<WorkflowRun> e : runs.values()) {
            if (!e.latest.runId().equals(run.runId()) && e.latest.phase().active()
                    && e.latest.incidentId().equals(run.incidentId())) {
                throw new RunConflictException("run " + run.runId() + " cannot be active: incident " + run.incidentId()
                        + " already has active run " + e.latest.runId());
            }
        }
    }

    private void apply(LoopWrite write) {
        switch (write) {
            case LoopWrite.SaveIncident w -> put(incidents, w.incident().id(), w.incident(), true);
            case LoopWrite.UpdateIncident w -> put(incidents, w.incident().id(), w.incident(), false);
            case LoopWrite.AppendTimeline w -> timelines.computeIfAbsent(w.incidentId(), k -> new ArrayList<>()).add(w);
            case LoopWrite.SaveDiagnosis w ->
                    diagnoses.computeIfAbsent(w.diagnosis().incidentId(), k -> new ArrayList<>()).add(w.diagnosis());
            case LoopWrite.CreateRun w -> put(runs, w.run().runId(), w.run(), true);
            case LoopWrite.UpdateRun w -> put(runs, w.run().runId(), w.run(), false);
            case LoopWrite.AppendStep w -> steps.computeIfAbsent(w.record().runId(), k -> new ArrayList<>()).add(w);
        }
    }

    private void unapply(LoopWrite write) {
        switch (write) {
            case LoopWrite.SaveIncident w -> release(incidents, w.incident().id(), true);
            case LoopWrite.UpdateIncident w -> release(incidents, w.incident().id(), false);
            case LoopWrite.AppendTimeline w -> removeFirst(timelines, w.incidentId());
            case LoopWrite.SaveDiagnosis w -> removeFirst(diagnoses, w.diagnosis().incidentId());
            case LoopWrite.CreateRun w -> release(runs, w.run().runId(), true);
            case LoopWrite.UpdateRun w -> release(runs, w.run().runId(), false);
            case LoopWrite.AppendStep w -> removeFirst(steps, w.record().runId());
        }
    }

    private static <T> void put(Map<String, Entity<T>> map, String id, T state, boolean created) {
        Entity<T> e = map.computeIfAbsent(id, k -> new Entity<>());
        e.latest = state;
        e.writes++;
        e.born |= created;
    }

    private static <T> void release(Map<String, Entity<T>> map, String id, boolean created) {
        Entity<T> e = map.get(id);
        if (created) {
            e.born = false;
        }
        if (--e.writes == 0) {
            map.remove(id);
        }
    }

    private static <T> void removeFirst(Map<String, List<T>> map, String key) {
        List<T> list = map.get(key);
        list.removeFirst();
        if (list.isEmpty()) {
            map.remove(key);
        }
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
