package io.homeostat.engine.loop;

import io.homeostat.engine.execute.AuditEntry;
import io.homeostat.engine.execute.RecoveryAudit;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Turns the orchestrator's decisions into {@link RecoveryOutcome}s for the
 * {@link EffectivenessLearner}: every step run that was verified ({@code step.verified}) is a
 * success of its action, one that failed or did not verify ({@code step.failed},
 * {@code step.unverified}) a failure; a run that succeeded with some step verified is a success of
 * {@code workflow:<name>}, one that rolled back or aborted a failure. Steps and runs that never
 * acted (held, shadowed, skipped) teach nothing and are not recorded; nor are steps that acted
 * with nothing to verify ({@code step.done}: the step names no success criteria) and runs that
 * succeeded with no step verified ({@code run.succeeded} with {@code verified=false}): an action
 * that returned proves nothing about the problem, so it is neither a success nor a failure.
 *
 * <p>The outcome id is the run, step and attempt ({@code <run>/<step>#<attempt>}, or
 * {@code <run>/workflow}), so an audit entry replayed after a restart counts once. The problem is
 * the incident's fingerprint and the category the run was started for. Time to recover runs from
 * the step's action (or the run's start) to the verifying entry; unknown after a restart, it is
 * recorded as zero.
 *
 * <p>Thread-safe. It keeps the start times of runs in flight and forgets them when a run ends.
 */
public final class OutcomeRecorder implements RecoveryAudit {

    /** The failure type used when the run named no category. */
    public static final String UNKNOWN_CATEGORY = "unknown";

    private final EffectivenessLearner learner;
    private final Function<String, Optional<String>> fingerprints;
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final AtomicLong recorded = new AtomicLong();

    /**
     * A recorder into {@code learner}; {@code fingerprints} gives an active incident's fingerprint
     * by id (e.g. from the incident tracker).
     *
     * @throws NullPointerException if an argument is null
     */
    public OutcomeRecorder(EffectivenessLearner learner, Function<String, Optional<String>> fingerprints) {
        this.learner = Objects.requireNonNull(learner, "learner");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
    }

    @Override
    public void record(AuditEntry e) {
        Map<String, String> ev = e.evidence();
        switch (e.decision()) {
            case "run.started" -> {
                started.put(e.runId(), e.time());
                problem(e).ifPresent(p -> problems.put(e.runId(), p));
            }
            case "step.acted" -> started.put(stepId(e), e.time());
            case "step.verified" -> step(e, true, ev);
            case "step.unverified", "step.failed" -> step(e, false, ev);
            case "run.succeeded" -> {
                if (ev.getOrDefault("verified", "true").equals("true")) {
                    run(e, true, ev);
                } else {
                    forget(e.runId());
                }
            }
            case "run.rolled-back", "run.aborted" -> run(e, false, ev);
            case "run.escalated", "run.skipped", "gate.held", "approval.expired" -> forget(e.runId());
            default -> { }
        }
    }

    /**
     * The problem {@code run} works on: its incident's fingerprint and the category it was started
     * for; after a restart, when the start was not seen, the fingerprint with the category
     * {@value #UNKNOWN_CATEGORY}. Empty if the incident is not active.
     */
    public Optional<Problem> problem(WorkflowRun run) {
        Problem known = problems.get(run.runId());
        if (known != null) {
            return Optional.of(known);
        }
        return fingerprints.apply(run.incidentId()).filter(f -> !f.isBlank() && !f.startsWith(Problem.TYPE_PREFIX))
                .map(f -> new Problem(f, UNKNOWN_CATEGORY));
    }

    /** How many outcomes counted (replays and unknown problems excluded). */
    public long recorded() {
        return recorded.get();
    }

    private void step(AuditEntry e, boolean ok, Map<String, String> ev) {
        String action = ev.get("action");
        if (action == null || e.runId().isEmpty()) {
            return;
        }
        String id = stepId(e);
        Instant from = started.remove(id);
        outcome(e, id, action, ok, from);
    }

    private void run(AuditEntry e, boolean ok, Map<String, String> ev) {
        String workflow = ev.get("workflow");
        if (workflow != null && !e.runId().isEmpty()) {
            outcome(e, e.runId() + "/workflow", "workflow:" + workflow, ok, started.get(e.runId()));
        }
        forget(e.runId());
    }

    private void outcome(AuditEntry e, String id, String action, boolean ok, Instant from) {
        Optional<Problem> problem = Optional.ofNullable(problems.get(e.runId())).or(() -> problem(e));
        if (problem.isEmpty()) {
            return;
        }
        Duration ttr = from == null || from.isAfter(e.time()) ? Duration.ZERO : Duration.between(from, e.time());
        RecoveryOutcome outcome = ok ? RecoveryOutcome.success(id, problem.get(), action, ttr, e.time())
                : RecoveryOutcome.failure(id, problem.get(), action, e.time());
        if (learner.record(outcome)) {
            recorded.incrementAndGet();
        }
    }

    private Optional<Problem> problem(AuditEntry e) {
        String category = e.evidence().getOrDefault("category", "");
        String type = category.isBlank() ? UNKNOWN_CATEGORY : category;
        return fingerprints.apply(e.incidentId()).filter(f -> !f.isBlank() && !f.startsWith(Problem.TYPE_PREFIX))
                .map(f -> new Problem(f, type));
    }

    private void forget(String runId) {
        problems.remove(runId);
        started.remove(runId);
        started.keySet().removeIf(k -> k.startsWith(runId + "/"));
    }

    private static String stepId(AuditEntry e) {
        return e.runId() + "/" + e.evidence().getOrDefault("step", "?") + "#" + e.evidence().getOrDefault("attempt", "1");
    }
}
