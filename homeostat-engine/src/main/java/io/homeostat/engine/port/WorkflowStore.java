package io.homeostat.engine.port;

import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where workflow runs and their step transitions live, so a run survives a crash of the process
 * that ran it. The orchestrator writes before and after every action: the run's new state, and an
 * append-only log of step records. The recovery actions people see ({@link RecoveryAction}) are
 * read from those records.
 *
 * <p>Implementations must be thread-safe and each method atomic. Contract:
 * {@code io.homeostat.engine.port.contract.WorkflowStoreContract}.
 */
public interface WorkflowStore {

    /**
     * Stores a new run (version 1).
     *
     * @throws RunConflictException if its incident already has an active run, or its id is taken
     */
    void create(WorkflowRun run);

    /**
     * Replaces a run with its next version.
     *
     * @throws StaleRunException if the stored version is not {@code run.version() - 1} (another
     *     process moved it), or no run has that id
     */
    void update(WorkflowRun run);

    /** The run with that id. */
    Optional<WorkflowRun> find(String runId);

    /** The incident's active run (at most one). */
    Optional<WorkflowRun> activeFor(String incidentId);

    /** Every active run, oldest first. */
    List<WorkflowRun> active();

    /**
     * Every run, active or not, started at or after {@code since}, oldest first. The orchestrator
     * reads it at start to rebuild its daily caps and cooldowns.
     */
    List<WorkflowRun> startedSince(Instant since);

    /** Appends a step record to its run's log. */
    void append(StepRecord record);

    /** The run's step records in the order appended; empty for an unknown run. */
    List<StepRecord> steps(String runId);

    /**
     * The recovery actions of a run (one per attempt of a step, {@link RecoveryAction#of}); empty
     * for an unknown run. The default reads {@link #find} and {@link #steps}.
     */
    default List<RecoveryAction> actions(String runId) {
        return find(runId).map(run -> RecoveryAction.of(run, steps(runId))).orElse(List.of());
    }

    /**
     * The recovery actions of the runs started at or after {@code since}: runs oldest first, each
     * run's actions in order. The default reads {@link #startedSince} and {@link #steps}.
     */
    default List<RecoveryAction> actionsSince(Instant since) {
        List<RecoveryAction> actions = new ArrayList<>();
        for (WorkflowRun run : startedSince(since)) {
            actions.addAll(RecoveryAction.of(run, steps(run.runId())));
        }
        return List.copyOf(actions);
    }

    /**
     * Claims an idempotency key for a run, atomically: true the first time a key is claimed, false
     * ever after (also for the same run). An action runs only after its key was claimed.
     */
    boolean claim(String key, String runId);
}
