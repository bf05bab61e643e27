package io.homeostat.engine.port.memory;

import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.WorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link WorkflowStore} in maps, for tests. Thread-safe: every method holds the store's lock. */
public final class InMemoryWorkflowStore implements WorkflowStore {

    private final Map<String, WorkflowRun> runs = new LinkedHashMap<>();
    private final Map<String, List<StepRecord>> steps = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();

    private final java.util.ArrayDeque<RuntimeException> createFailures = new java.util.ArrayDeque<>();

    /** Makes the next {@link #create} throw {@code failure} instead of creating (tests of a failing store). */
    public synchronized void failNextCreate(RuntimeException failure) {
        createFailures.add(failure);
    }

    @Override
    public synchronized void create(WorkflowRun run) {
        if (!createFailures.isEmpty()) {
            throw createFailures.poll();
        }
        if (runs.containsKey(run.runId())) {
            throw new RunConflictException("run " + run.runId() + " exists");
        }
        if (activeFor(run.incidentId()).isPresent()) {
            throw new RunConflictException("incident " + run.incidentId() + " already has an active run");
        }
        if (run.version() != 1) {
            throw new IllegalArgumentException("a new run has version 1, was " + run.version());
        }
        runs.put(run.runId(), run);
    }

    @Override
    public synchronized void update(WorkflowRun run) {
        WorkflowRun stored = runs.get(run.runId());
        if (stored == null || stored.version() != run.version() - 1) {
            throw new StaleRunException("run " + run.runId() + " is at version "
                    + (stored == null ? "none" : stored.version()) + ", not " + (run.version() - 1));
        }
        runs.put(run.runId(), run);
    }

    @Override
    public synchronized Optional<WorkflowRun> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized Optional<WorkflowRun> activeFor(String incidentId) {
        return runs.values().stream().filter(r -> r.incidentId().equals(incidentId) && r.phase().active()).findFirst();
    }

    @Override
    public synchronized List<WorkflowRun> active() {
        return runs.values().stream().filter(r -> r.phase().active()).toList();
    }

    @Override
    public synchronized List<WorkflowRun> startedSince(Instant since) {
        return runs.values().stream().filter(r -> !r.startedAt().isBefore(since)).toList();
    }

    @Override
    public synchronized void append(StepRecord record) {
        steps.computeIfAbsent(record.runId(), k -> new ArrayList<>()).add(record);
    }

    @Override
    public synchronized List<StepRecord> steps(String runId) {
        return List.copyOf(steps.getOrDefault(runId, List.of()));
    }

    @Override
    public synchronized boolean claim(String key, String runId) {
        return claimed.add(key);
    }
}
