package io.homeostat.engine.port;

import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recovery action as people and the API see it: one attempt of one step of a workflow run,
 * read from the run and its {@linkplain WorkflowStore#steps step records} (the records are the
 * durable truth; this is a view of them). Immutable and thread-safe.
 *
 * <p>The attempt's records give its {@link Status}, by the last of them:
 * <ul>
 *   <li>{@code STARTED}: {@link Status#INITIATED} (written before the action runs);
 *   <li>{@code SUCCEEDED}: {@link Status#IN_PROGRESS} while the run is active and the step has
 *       its success criteria to verify; {@link Status#SUCCEEDED} for a rollback step (nothing to
 *       verify) or once the run has ended;
 *   <li>{@code VERIFIED}, {@code DONE}: {@link Status#SUCCEEDED} (see {@link #verifiable()});
 *   <li>{@code FAILED}, {@code UNVERIFIED}, {@code ROLLBACK_FAILED}: {@link Status#FAILED};
 *   <li>{@code ROLLBACK_STARTED}: {@link Status#IN_PROGRESS}; {@code ROLLED_BACK}: {@link Status#ROLLED_BACK}.
 * </ul>
 * Shadowed attempts (shadow mode: nothing acted) are not actions and are left out.
 */
public final class RecoveryAction {

    /** Where an action is. */
    public enum Status {
        /** About to run, or running: its outcome is not known yet. */
        INITIATED,
        /** It ran and its success criteria are being verified, or it is being rolled back. */
        IN_PROGRESS,
        /** It ran and did what it should. */
        SUCCEEDED,
        /** It threw, was refused, or its success criteria did not hold; or its rollback failed. */
        FAILED,
        /** It ran and was undone. */
        ROLLED_BACK;

        /** The lower-case name used in the store and the API, e.g. {@code rolled_back}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True for {@link #SUCCEEDED}, {@link #FAILED} and {@link #ROLLED_BACK}. */
        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK;
        }

        /**
         * The status of an attempt whose last record has {@code last}, as the class describes.
         *
         * @param stepIndex the step's index (negative for rollback steps)
         * @param runActive whether the run is still active
         * @throws IllegalArgumentException for {@link StepPhase#SHADOWED} and {@link StepPhase#CHOSEN},
         *     which are no actions
         */
        public static Status of(StepPhase last, int stepIndex, boolean runActive) {
            return switch (last) {
                case STARTED -> INITIATED;
                case SUCCEEDED -> stepIndex >= 0 && runActive ? IN_PROGRESS : SUCCEEDED;
                case VERIFIED, DONE -> SUCCEEDED;
                case FAILED, UNVERIFIED, ROLLBACK_FAILED -> FAILED;
                case ROLLBACK_STARTED -> IN_PROGRESS;
                case ROLLED_BACK -> ROLLED_BACK;
                case SHADOWED, CHOSEN -> throw new IllegalArgumentException("a " + last + " record is not an action");
            };
        }
    }

    private final String actionId;
    private final WorkflowRun run;
    private final StepRecord first;
    private final StepRecord last;
    private final Map<String, String> parameters;
    private final String approvedBy;
    private final Status status;
    private final boolean verifiable;
    private final Optional<Boolean> proved;

    private RecoveryAction(WorkflowRun run, List<StepRecord> records) {
        this.run = run;
        this.first = records.getFirst();
        this.last = records.getLast();
        this.actionId = id(run.runId(), first.stepIndex(), first.attempt());
        StepRecord started = records.stream().filter(r -> r.phase() == StepPhase.STARTED).findFirst().orElse(first);
        this.parameters = started.parameters();
        this.approvedBy = started.approvedBy();
        this.status = Status.of(last.phase(), first.stepIndex(), run.phase().active());
        this.verifiable = records.stream().noneMatch(r -> r.phase() == StepPhase.DONE);
        this.proved = first.stepIndex() < 0 ? Optional.empty() : records.stream()
                .map(r -> switch (r.phase()) {
                    case VERIFIED -> Optional.of(true);
                    case FAILED, UNVERIFIED -> Optional.of(false);
                    default -> Optional.<Boolean>empty();
                })
                .flatMap(Optional::stream).findFirst();
    }

    /**
     * The actions of {@code run}, one per attempt of a step that has records, in the order their
     * first records were appended; shadowed attempts and the choices of a step's alternative
     * ({@link StepPhase#CHOSEN}) left out.
     *
     * @param records the run's step records in the order appended ({@link WorkflowStore#steps})
     * @throws IllegalArgumentException if a record is of another run
     */
    public static List<RecoveryAction> of(WorkflowRun run, List<StepRecord> records) {
        Objects.requireNonNull(run, "run");
        Map<String, List<StepRecord>> attempts = new LinkedHashMap<>();
        for (StepRecord r : records) {
            if (!r.runId().equals(run.runId())) {
                throw new IllegalArgumentException("record of run " + r.runId() + " given with run " + run.runId());
            }
            if (r.phase() == StepPhase.CHOSEN) {
                continue; // a decision, not an act; a shadowed attempt is left out whole below
            }
            attempts.computeIfAbsent(id(r.runId(), r.stepIndex(), r.attempt()), k -> new ArrayList<>()).add(r);
        }
        List<RecoveryAction> actions = new ArrayList<>(attempts.size());
        for (List<StepRecord> attempt : attempts.values()) {
            if (attempt.stream().noneMatch(r -> r.phase() == StepPhase.SHADOWED)) {
                actions.add(new RecoveryAction(run, attempt));
            }
        }
        return List.copyOf(actions);
    }

    /** The action's id, unique: {@code <runId>/<stepIndex>/<attempt>}. */
    public static String id(String runId, int stepIndex, int attempt) {
        return runId + "/" + stepIndex + "/" + attempt;
    }

    /** Unique: {@code <runId>/<stepIndex>/<attempt>}. */
    public String actionId() {
        return actionId;
    }

    /** The incident it recovers. */
    public String incidentId() {
        return run.incidentId();
    }

    /** The workflow run it belongs to. */
    public String runId() {
        return run.runId();
    }

    /** The action's type: the name of the action that ran, e.g. {@code failover}. */
    public String type() {
        return first.action();
    }

    /** The strategy: the workflow it is a step of, e.g. {@code ai-provider-failure}. */
    public String strategy() {
        return run.workflow();
    }

    /** The step's name in its workflow. */
    public String step() {
        return first.step();
    }

    /** The step's position; {@code -1 - i} for the workflow's i-th rollback step. */
    public int stepIndex() {
        return first.stepIndex();
    }

    /** The attempt, from 1. */
    public int attempt() {
        return first.attempt();
    }

    /** The service the run recovers. */
    public String service() {
        return run.service();
    }

    /** Where it is. */
    public Status status() {
        return status;
    }

    /**
     * False for an attempt that ran with nothing to check it against (its step names no success
     * criteria: a {@link StepPhase#DONE} record): its success proves nothing about the problem, and
     * the effectiveness learner does not count it. True otherwise.
     */
    public boolean verifiable() {
        return verifiable;
    }

    /**
     * What the attempt proved about its problem, as the effectiveness learner counts it: true once
     * its success criteria held ({@link StepPhase#VERIFIED}), false once it failed or they did not
     * hold ({@link StepPhase#FAILED}, {@link StepPhase#UNVERIFIED}), whatever happened after (a
     * verified step a later failure rolled back stays true). Empty while it is not judged, for a
     * step with nothing to verify and for a rollback step.
     */
    public Optional<Boolean> proved() {
        return proved;
    }

    /** True unless a person approved it. */
    public boolean automated() {
        return approvedBy.isEmpty();
    }

    /**
     * Who or what started it: the person who approved it, else the run's trigger as a lower-case
     * label, e.g. {@code circuit_open}.
     */
    public String triggeredBy() {
        return approvedBy.isEmpty() ? run.trigger().name().toLowerCase(Locale.ROOT) : approvedBy;
    }

    /** The parameters it ran with; empty if it never started or had none. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** What its last record says: what it did, or why it failed; possibly empty. */
    public String result() {
        return last.detail();
    }

    /** The undo data of its last record (what a rollback needs), possibly empty. */
    public Map<String, String> data() {
        return last.data();
    }

    /** When its first record was written. */
    public Instant startedAt() {
        return first.time();
    }

    /** When it reached its {@linkplain Status#terminal() terminal} status; empty before. */
    public Optional<Instant> completedAt() {
        return status.terminal() ? Optional.of(last.time()) : Optional.empty();
    }

    /** From {@link #startedAt()} to {@link #completedAt()}; empty before it completes. */
    public Optional<Duration> duration() {
        return completedAt().map(end -> Duration.between(first.time(), end));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecoveryAction a && actionId.equals(a.actionId) && status == a.status
                && run.equals(a.run) && first.equals(a.first) && last.equals(a.last);
    }

    @Override
    public int hashCode() {
        return Objects.hash(actionId, status, last);
    }

    @Override
    public String toString() {
        return "RecoveryAction[" + actionId + " " + type() + " of " + strategy() + " for " + incidentId() + ": "
                + status.label() + (result().isEmpty() ? "" : " (" + result() + ")") + "]";
    }
}
