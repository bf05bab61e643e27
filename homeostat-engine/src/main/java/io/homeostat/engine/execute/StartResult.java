package io.homeostat.engine.execute;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RecoveryOrchestrator#recover} did with a trigger. Immutable.
 *
 * @param outcome what happened
 * @param runId the run started (or already running); empty text otherwise
 * @param reason in words
 */
public record StartResult(Outcome outcome, String runId, String reason) {

    /** What happened to the trigger. */
    public enum Outcome {
        /** A run started. */
        STARTED,
        /** The incident already has an active run; nothing new started. */
        ALREADY_RUNNING,
        /** The incident is not active any more: nothing to do. */
        NOT_ACTIVE,
        /** No workflow matches: escalated. */
        NO_WORKFLOW,
        /** A start rule held it (kill switch, flags, flapping, blast radius, concurrency): escalated. */
        HELD
    }

    public StartResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(reason, "reason");
    }

    /** The run, if one started or was running. */
    public Optional<String> run() {
        return runId.isEmpty() ? Optional.empty() : Optional.of(runId);
    }
}
