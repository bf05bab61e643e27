package io.homeostat.engine.execute;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.execute.EscalationNotice.Kind;
import io.homeostat.engine.execute.StartResult.Outcome;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.plan.DetectionTriggers;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.port.RunConflictException;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.port.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs recovery workflows for incidents, durably and safely.
 *
 * <ul>
 *   <li><b>Start</b> ({@link #recover}): picks the workflow for the trigger, service and category;
 *       holds and escalates under the kill switch, for a flapping incident, above the blast
 *       radius, when an upstream problem explains the service's trouble, or when {@linkplain RecoveryPolicy#maxConcurrent() max concurrent} runs are active;
 *       one run per incident at a time.</li>
 *   <li><b>Steps</b> ({@link #tick}): before the first action, re-checks that the incident is
 *       still active and its trigger still holds (else it acts on nothing); asks the
 *       {@link SafetyGate}; checks prerequisites and the lease's fencing token; claims the step's
 *       idempotency key; writes the step and run before and after the action (a step that offers
 *       alternatives first has one chosen by the {@link StepOrder} and recorded); then checks the
 *       step's success criteria on fresh readings until they held for their whole hold or the
 *       step timed out. A failed step retries with backoff, then continues, aborts or rolls back.</li>
 *   <li><b>Durable</b>: a new orchestrator over the same {@link WorkflowStore} takes over the
 *       active runs: one that was between steps or verifying carries on from its last completed
 *       step; one that was in the middle of an action (its outcome unknown) rolls back. Daily caps
 *       and cooldowns are rebuilt from the stored step records, so a restart does not reset them.</li>
 * </ul>
 *
 * <p>Every decision goes to the {@link RecoveryAudit} with its reason; what needs a person goes to
 * the {@link EscalationSink}; the incident moves through the {@link io.homeostat.engine.incident.IncidentTracker}
 * (remediating, resolved when verified, escalated otherwise). Times come from the injected clock.
 *
 * <p>Thread-safe: starts, ticks and approvals are serialised by one lock; actions run on the
 * calling thread while it is held, so they should be quick (the command and webhook actions have
 * their own timeouts).
 */
public final class RecoveryOrchestrator {

    /** How long before the limits' window a run may have started and still acted inside it. */
    private static final Duration RUN_LOOKBACK = Duration.ofDays(1);
    /** How long after the store failed to start a queued trigger's run it is tried again. */
    static final Duration START_RETRY = Duration.ofSeconds(5);
    /** After how many ticks in a row that failed to move it a run ends escalated instead of being tried again. */
    static final int MAX_RUN_ERRORS = 10;

    private final WorkflowStore store;
    private volatile WorkflowCatalog workflows;
    private final ActionCatalog actions;
    /** The definitions runs started with, by run id, where a replacement changed or removed them. */
    private final Map<String, Workflow> pinned = new ConcurrentHashMap<>();
    private final RecoveryPolicy policy;
    private final RecoveryFlags flags;
    private final Journal journal;
    private final RunStepper stepper;
    private final Clock clock;
    private final Function<String, Optional<String>> upstream;
    private final WorkflowOrder order;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong tickFailures = new AtomicLong();
    private final ConcurrentLinkedQueue<RecoveryTrigger> offered = new ConcurrentLinkedQueue<>();
    private final Map<String, RecoveryTrigger> triggers = new ConcurrentHashMap<>();
    private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();
    /** The workflow a person named for a failed run, by incident id: its retry runs it again. */
    private final Map<String, String> retryWorkflow = new ConcurrentHashMap<>();
    /** How many ticks in a row failed to move a run, by run id. */
    private final Map<String, Integer> runErrors = new ConcurrentHashMap<>();
    /** How many ticks in a row the store kept from moving a run (it was unavailable), by run id. */
    private final Map<String, Integer> storeStalls = new ConcurrentHashMap<>();

    RecoveryOrchestrator(RecoveryOrchestratorBuilder b) {
        this.store = b.store;
        this.workflows = b.workflows;
        this.actions = b.actions;
        this.policy = b.policy;
        this.flags = b.flags;
        this.clock = b.clock;
        this.upstream = b.upstream;
        this.order = b.order;
        this.journal = new Journal(b.audit, b.escalation, b.tracker, b.clock, b.attempts, this::retryLater, b.uncounted);
        ActionLedger ledger = new ActionLedger();
        rebuild(ledger, b.store, b.policy, b.clock.instant());
        SafetyGate gate = new SafetyGate(b.policy, b.flags, b.safety, ledger);
        this.stepper = new RunStepper(b.store, b.actions, gate, b.flags, b.policy, ledger, b.metrics, b.triggerCheck,
                b.fencing, journal, b.clock, b.stepOrder);
        takeOver();
    }

    /** A builder; see {@link RecoveryOrchestratorBuilder} for what is required and the defaults. */
    public static RecoveryOrchestratorBuilder builder() {
        return new RecoveryOrchestratorBuilder();
    }

    /**
     * Starts recovery of an incident, and runs its first step right away if it may. No workflow
     * answers a {@link TriggerType#MANUAL} trigger (an incident a person opened for a workflow of
     * their choice) unless it retries a failed run of the workflow that person named.
     *
     * @return what happened; never throws for a decision not to act (those are in the result and the audit)
     * @throws NullPointerException if {@code trigger} is null
     */
    public StartResult recover(RecoveryTrigger trigger) {
        Objects.requireNonNull(trigger, "trigger");
        return start(trigger, Optional.empty());
    }

    /**
     * Starts the workflow named {@code workflow} for an incident, whatever the planner would choose
     * (a person's choice, e.g. a manual trigger through the API); otherwise as {@link #recover}:
     * the start holds, the safety gate, approvals and limits all apply.
     *
     * @return what happened; never throws for a decision not to act
     * @throws IllegalArgumentException if no workflow has that name
     * @throws NullPointerException if an argument is null
     */
    public StartResult recover(RecoveryTrigger trigger, String workflow) {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(workflow, "workflow");
        if (workflows.find(workflow).isEmpty()) {
            throw new IllegalArgumentException("no workflow named '" + workflow + "'");
        }
        return start(trigger, Optional.of(workflow));
    }

    private StartResult start(RecoveryTrigger trigger, Optional<String> given) {
        lock.lock();
        try {
            String id = trigger.incidentId();
            triggers.put(id, trigger);
            retryAt.remove(id);
            Map<String, String> evidence = Map.of("trigger", trigger.type().name(), "service", trigger.service(),
                    "category", trigger.category());
            Optional<Incident> incident = journal.incident(id);
            if (incident.isEmpty()) {
                journal.audit(Journal.SELF, "run.skipped", id, "", "incident is not active (already recovered)", evidence);
                return new StartResult(Outcome.NOT_ACTIVE, "", "incident is not active");
            }
            Optional<WorkflowRun> running = store.activeFor(id);
            if (running.isPresent()) {
                return new StartResult(Outcome.ALREADY_RUNNING, running.get().runId(), "a run is active for the incident");
            }
            Optional<String> named = given.isEmpty() && trigger.type() == TriggerType.MANUAL
                    ? Optional.ofNullable(retryWorkflow.get(id)) : given;
            List<Workflow> candidates = named.isPresent() ? workflows.find(named.get()).stream().toList()
                    : trigger.type() == TriggerType.MANUAL ? List.of()
                    : workflows.candidates(trigger.type(), trigger.service(), trigger.category());
            List<Workflow> ordered = candidates.isEmpty() || named.isPresent() ? candidates
                    : order.order(trigger, incident.get(), candidates);
            Optional<Workflow> workflow = ordered.stream().findFirst();
            if (workflow.isEmpty()) {
                retryWorkflow.remove(id);
                String why = "no workflow for " + trigger.type() + " on " + trigger.service() + " (" + trigger.category() + ")"
                        + (trigger.type() == TriggerType.MANUAL
                                ? ": a manual incident is recovered only with the workflow a person names" : "");
                hold(id, trigger.service(), "run.no-workflow", why, evidence);
                return new StartResult(Outcome.NO_WORKFLOW, "", why);
            }
            String held = startHold(trigger, incident.get());
            if (!held.isEmpty()) {
                retryWorkflow.remove(id);
                hold(id, trigger.service(), "run.held", held, Map.of("workflow", workflow.get().name()));
                return new StartResult(Outcome.HELD, "", held);
            }
            Workflow wf = workflow.get();
            Instant now = clock.instant();
            WorkflowRun run = WorkflowRun.start(UUID.randomUUID().toString(), id, wf.name(), trigger.service(),
                    trigger.type(), now, now.plus(wf.timeout()), now.plus(wf.steps().getFirst().delay()));
            try {
                store.create(run);
            } catch (RunConflictException e) {
                return new StartResult(Outcome.ALREADY_RUNNING, store.activeFor(id).map(WorkflowRun::runId).orElse(""),
                        e.getMessage());
            }
            retryWorkflow.remove(id);
            journal.audit(Journal.SELF, "run.started", id, run.runId(), "workflow " + wf.name() + " chosen for "
                    + trigger.type() + " on " + trigger.service() + " (" + trigger.category() + ")",
                    Map.of("workflow", wf.name(), "mode", flags.mode().name(), "service", trigger.service(),
                            "category", trigger.category(),
                            "candidates", String.join(",", ordered.stream().map(Workflow::name).toList())));
            if (flags.mode() == AutomationMode.FULL || flags.mode() == AutomationMode.LIMITED) {
                journal.remediating(id, wf.name());
            }
            drive(run);
            return new StartResult(Outcome.STARTED, run.runId(), "workflow " + wf.name());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a trigger for the next {@link #tick()}; safe to call from listeners that must not block
     * (e.g. the incident tracker's).
     */
    public void offer(RecoveryTrigger trigger) {
        offered.add(Objects.requireNonNull(trigger, "trigger"));
    }

    /**
     * Starts recovery whenever {@code tracker} opens an incident: the opening detection gives the
     * trigger type ({@link DetectionTriggers}), service and category; the run starts on the next tick.
     *
     * @return a handle that stops listening
     */
    public AutoCloseable follow(IncidentTracker tracker) {
        return tracker.listen(event -> {
            if (event instanceof IncidentEvent.Opened opened) {
                Detection d = opened.detection();
                offer(new RecoveryTrigger(opened.incident().id(), DetectionTriggers.of(d), d.service(), d.category()));
            }
        });
    }

    /** Starts the queued triggers, then moves every active run as far as it can go now; the scheduler calls it once {@linkplain #start started}. */
    public void tick() {
        for (RecoveryTrigger trigger = offered.poll(); trigger != null; trigger = offered.poll()) {
            startQueued(trigger);
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> due : Map.copyOf(retryAt).entrySet()) {
            RecoveryTrigger trigger = triggers.get(due.getKey());
            if (!due.getValue().isAfter(now) && trigger != null) {
                startQueued(trigger);
            }
        }
        triggers.keySet().removeIf(id -> journal.incident(id).isEmpty());
        retryAt.keySet().removeIf(id -> !triggers.containsKey(id));
        retryWorkflow.keySet().removeIf(id -> !triggers.containsKey(id));
        lock.lock();
        try {
            List<WorkflowRun> active = store.active();
            if (!pinned.isEmpty() || !runErrors.isEmpty() || !storeStalls.isEmpty()) {
                Set<String> ids = new HashSet<>();
                active.forEach(run -> ids.add(run.runId()));
                pinned.keySet().retainAll(ids);
                runErrors.keySet().retainAll(ids);
                storeStalls.keySet().retainAll(ids);
            }
            for (WorkflowRun run : active) {
                try {
                    drive(run);
                    runErrors.remove(run.runId());
                    unstalled(run);
                } catch (StaleRunException e) {
                    journal.audit(Journal.SELF, "run.stale", run.incidentId(), run.runId(),
                            "another process moved the run: " + e.getMessage(), Map.of());
                } catch (RuntimeException e) {
                    tickFailures.incrementAndGet();
                    if (!(e instanceof StoreUnavailableException && storeStalls.containsKey(run.runId()))) {
                        // an outage is audited at its first tick, when it stalls the run and when it ends
                        journal.audit(Journal.SELF, "run.error", run.incidentId(), run.runId(), String.valueOf(e), Map.of());
                    }
                    failedTick(run, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a tick that failed to move {@code run}; at {@link #MAX_RUN_ERRORS} in a row the run ends
     * escalated, so a run that fails the same way every tick neither retries for ever nor keeps its
     * slot. A refused write ({@link io.homeostat.engine.port.StoreRefusedException}) counts: it would
     * be refused again. A store that could not be reached ({@link StoreUnavailableException}) does
     * not: see {@link #stalled}.
     */
    private void failedTick(WorkflowRun run, RuntimeException e) {
        if (e instanceof StoreUnavailableException) {
            stalled(run, e);
            return;
        }
        storeStalls.remove(run.runId());
        int errors = runErrors.merge(run.runId(), 1, Integer::sum);
        if (errors < MAX_RUN_ERRORS) {
            return;
        }
        String why = "failed on " + errors + " ticks in a row, last: " + e;
        try {
            Optional<WorkflowRun> latest = store.find(run.runId()).filter(r -> r.phase().active());
            if (latest.isPresent()) {
                stepper.escalate(latest.get(), "run.escalated", why, Map.of("workflow", run.workflow()),
                        Kind.RECOVERY_FAILED, "recovery failed (" + run.workflow() + "): " + why);
            }
            runErrors.remove(run.runId());
        } catch (RuntimeException again) {
            journal.audit(Journal.SELF, "run.error", run.incidentId(), run.runId(),
                    "could not end the run escalated: " + again, Map.of());
        }
    }

    /**
     * Counts a tick on which the store could not be reached while moving {@code run}. Such ticks do
     * not end the run: the outage is Homeostat's own, not the recovery's failure, the run goes on
     * where it stopped once the store answers (its workflow timeout still applies then: a run
     * past it rolls back), and ending every run in flight would hand each incident to people for a
     * database blip. But a run held for {@link #MAX_RUN_ERRORS} ticks in a row is not left to wait
     * in silence: it is audited once as {@code run.stalled} and people are told once (the
     * escalation sink needs no store), and {@code run.unstalled} when it moves again. Every such
     * tick is also in {@link #tickFailures()}; the first of a streak is audited as {@code run.error}
     * (one record a tick for the length of an outage would say nothing more).
     */
    private void stalled(WorkflowRun run, RuntimeException e) {
        int ticks = storeStalls.merge(run.runId(), 1, Integer::sum);
        if (ticks != MAX_RUN_ERRORS) {
            return;
        }
        String why = "has not moved on " + ticks + " ticks in a row: the store is unavailable (last: " + e.getMessage()
                + "); it goes on when the store answers";
        journal.audit(Journal.SELF, "run.stalled", run.incidentId(), run.runId(), why, Map.of("workflow", run.workflow()));
        journal.escalate(Kind.HELD, run.incidentId(), run.service(), "recovery stalled (" + run.workflow() + "): " + why);
    }

    /** Forgets the store outage {@code run} was held by, saying so if it was {@linkplain #stalled reported}. */
    private void unstalled(WorkflowRun run) {
        Integer ticks = storeStalls.remove(run.runId());
        if (ticks != null && ticks >= MAX_RUN_ERRORS) {
            journal.audit(Journal.SELF, "run.unstalled", run.incidentId(), run.runId(),
                    "the store answers again after " + ticks + " ticks", Map.of("workflow", run.workflow()));
        }
    }

    /**
     * Starts recovery for a trigger the tick took from the queue or the retries. A failure is
     * counted and audited ({@code run.error}) instead of leaving the tick, where it would hold back
     * the triggers after it; a store that could not write the start ({@link StoreUnavailableException},
     * e.g. a lock timeout) is tried again after {@link #START_RETRY}, so a passing database error does
     * not cost the incident its recovery. Any other failure, a refused write among them, would fail
     * again and is not retried.
     */
    private void startQueued(RecoveryTrigger trigger) {
        try {
            recover(trigger);
        } catch (RuntimeException e) {
            tickFailures.incrementAndGet();
            boolean retry = e instanceof StoreUnavailableException;
            if (retry) {
                retryAt.put(trigger.incidentId(), clock.instant().plus(START_RETRY));
            }
            journal.audit(Journal.SELF, "run.error", trigger.incidentId(), "", "recovery could not start"
                    + (retry ? ", tried again in " + START_RETRY.toSeconds() + " s: " : ": ") + e, Map.of());
        }
    }

    /**
     * Ticks every {@code interval} on {@code scheduler}.
     *
     * @return a handle that stops the ticking
     */
    public Cancellable start(Scheduler scheduler, Duration interval) {
        return scheduler.scheduleAtFixedRate(interval, interval, this::tick);
    }

    /**
     * Approves the high-risk step a run waits on; it acts right away if the gates allow.
     *
     * @param by the person, recorded in the audit trail
     * @throws ApprovalNotPendingException if the run does not wait for an approval, or the approval expired
     */
    public WorkflowRun approve(String runId, String by, String note) {
        lock.lock();
        try {
            WorkflowRun run = pending(runId);
            journal.audit(by, "approval.granted", run.incidentId(), runId, note, Map.of("workflow", run.workflow()));
            WorkflowRun approved = run.approved(by, clock.instant());
            store.update(approved);
            journal.remediating(run.incidentId(), run.workflow());
            return drive(approved);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rejects the high-risk step a run waits on: the run ends escalated and people hear of it as
     * {@link EscalationNotice.Kind#APPROVAL_REJECTED}.
     *
     * @param by the person, recorded in the audit trail
     * @throws ApprovalNotPendingException if the run does not wait for an approval, or the approval expired
     */
    public WorkflowRun reject(String runId, String by, String reason) {
        lock.lock();
        try {
            WorkflowRun run = pending(runId);
            journal.audit(by, "approval.rejected", run.incidentId(), runId, reason, Map.of("workflow", run.workflow()));
            String why = "rejected by " + by + ": " + reason;
            return stepper.escalate(run, "run.escalated", why, Map.of("workflow", run.workflow()),
                    Kind.APPROVAL_REJECTED, "approval rejected (" + run.workflow() + "): " + why);
        } finally {
            lock.unlock();
        }
    }

    /** The run with that id. */
    public Optional<WorkflowRun> run(String runId) {
        return store.find(runId);
    }

    /** The run's step records. */
    public List<StepRecord> steps(String runId) {
        return store.steps(runId);
    }

    /** The workflows new runs are chosen from now (the latest {@link #replaceWorkflows}). */
    public WorkflowCatalog workflows() {
        return workflows;
    }

    /**
     * The definition {@code run} follows: the one it started with if a replacement changed or
     * removed it since, else the catalog's.
     */
    public Optional<Workflow> workflowOf(WorkflowRun run) {
        Workflow kept = pinned.get(run.runId());
        return kept != null ? Optional.of(kept) : workflows.find(run.workflow());
    }

    /**
     * Chooses new runs from {@code replacement} from now on. A run under way keeps the definition
     * it started with to its end (held in memory: after a restart it follows the catalog of the
     * new process); learned effectiveness, limits, cooldowns and approvals are untouched. Atomic
     * with respect to starts, ticks and approvals.
     *
     * @return the ids of the runs under way whose workflow the replacement changes or removes, which
     *     go on with their former definition
     * @throws IllegalArgumentException if a step of {@code replacement} names an action the catalog
     *     lacks, or gives it parameters the action refuses (nothing is replaced)
     * @throws NullPointerException if {@code replacement} is null
     */
    public List<String> replaceWorkflows(WorkflowCatalog replacement) {
        Objects.requireNonNull(replacement, "replacement");
        RecoveryOrchestratorBuilder.requireKnownActions(replacement, actions);
        lock.lock();
        try {
            List<String> kept = new ArrayList<>();
            for (WorkflowRun run : store.active()) {
                Optional<Workflow> current = workflowOf(run);
                if (current.isPresent() && !replacement.find(run.workflow()).equals(current)) {
                    pinned.put(run.runId(), current.get());
                    kept.add(run.runId());
                } else if (current.isPresent()) {
                    pinned.remove(run.runId());
                }
            }
            this.workflows = replacement;
            return List.copyOf(kept);
        } finally {
            lock.unlock();
        }
    }

    /** The flags and mode, switchable at run time. */
    public RecoveryFlags flags() {
        return flags;
    }

    /**
     * How many times a run failed to move on a tick for another reason than a concurrent change
     * (e.g. the store failed; the run stays where it was and is tried again on the next tick, and
     * ends escalated after {@value #MAX_RUN_ERRORS} such ticks in a row unless the store was away), or a
     * queued trigger's run failed to start (tried again after {@link #START_RETRY} if the store
     * could not write it).
     */
    public long tickFailures() {
        return tickFailures.get();
    }

    /** How many times the audit hook or the escalation sink threw; they were counted and skipped. */
    public long hookFailures() {
        return journal.hookFailures.get();
    }

    /**
     * Called by the journal under the lock when a failed run leaves attempts: retry after the
     * cooldown; a run a person started by name ({@link TriggerType#MANUAL}) is retried with the same
     * workflow, never one chosen for it.
     */
    private void retryLater(WorkflowRun run) {
        if (run.trigger() == TriggerType.MANUAL) {
            retryWorkflow.put(run.incidentId(), run.workflow());
            triggers.put(run.incidentId(), new RecoveryTrigger(run.incidentId(), run.trigger(), run.service(),
                    DetectionTriggers.MANUAL));
        } else {
            triggers.putIfAbsent(run.incidentId(), new RecoveryTrigger(run.incidentId(), run.trigger(), run.service(), ""));
        }
        retryAt.put(run.incidentId(), clock.instant().plus(policy.cooldown()));
    }

    private WorkflowRun pending(String runId) {
        WorkflowRun run = store.find(runId).orElseThrow(() -> new ApprovalNotPendingException("no run " + runId));
        if (run.phase() != RunPhase.AWAITING_APPROVAL) {
            throw new ApprovalNotPendingException("run " + runId + " is " + run.phase() + ", not awaiting approval");
        }
        if (!clock.instant().isBefore(run.approvalExpiresAt())) {
            drive(run);
            throw new ApprovalNotPendingException("the approval of run " + runId + " expired at " + run.approvalExpiresAt());
        }
        return run;
    }

    private WorkflowRun drive(WorkflowRun run) {
        Optional<Workflow> workflow = workflowOf(run);
        if (workflow.isEmpty()) {
            return stepper.escalate(run, "run.escalated", "workflow " + run.workflow() + " is no longer configured", Map.of());
        }
        WorkflowRun current = run;
        for (int i = 0; i < 4 * workflow.get().steps().size() + 8 && current.phase().active(); i++) {
            WorkflowRun next = stepper.advance(current, workflow.get());
            if (next.version() == current.version()) {
                break;
            }
            current = next;
        }
        return current;
    }

    private String startHold(RecoveryTrigger trigger, Incident incident) {
        if (flags.killed()) {
            return "kill switch is on";
        }
        if (incident.flapping()) {
            return "the incident is flapping; automated action stops";
        }
        int failing = journal.failingServices();
        if (failing > policy.blastRadius()) {
            return failing + " services have active incidents (blast radius " + policy.blastRadius()
                    + "): mass failure suggests the detector or the network is wrong";
        }
        Optional<String> cause = upstream.apply(trigger.service());
        if (cause.isPresent()) {
            return "an upstream problem explains " + trigger.service() + ": " + cause.get();
        }
        // A run waiting out a cooldown does nothing meanwhile: it does not take a slot.
        long active = store.active().stream()
                .filter(run -> !(run.stepState() == StepState.READY && run.reason().startsWith(RunStepper.WAITING)))
                .count();
        if (active >= policy.maxConcurrent()) {
            return active + " recoveries are running (max " + policy.maxConcurrent() + ")";
        }
        return "";
    }

    private void hold(String incidentId, String service, String decision, String why, Map<String, String> evidence) {
        journal.audit(Journal.SELF, decision, incidentId, "", why, evidence);
        if (flags.mode() != AutomationMode.SHADOW) {
            journal.escalate(Kind.HELD, incidentId, service, "recovery held: " + why);
            journal.escalated(incidentId, why);
        }
    }

    /** Counts every action started today or within the cooldown, from the store, so limits survive a restart. */
    private static void rebuild(ActionLedger ledger, WorkflowStore store, RecoveryPolicy policy, Instant now) {
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        Instant cooling = now.minus(policy.cooldown());
        Instant since = dayStart.isBefore(cooling) ? dayStart : cooling;
        for (WorkflowRun run : store.startedSince(since.minus(RUN_LOOKBACK))) {
            for (StepRecord r : store.steps(run.runId())) {
                if (r.phase() == StepPhase.STARTED && r.stepIndex() >= 0 && !r.time().isBefore(since)) {
                    ledger.record(run.service(), r.action(), r.time(), run.runId());
                }
            }
        }
    }

    private void takeOver() {
        for (WorkflowRun run : store.active()) {
            journal.audit(Journal.SELF, "run.resumed", run.incidentId(), run.runId(), "taken over at step "
                    + run.stepIndex() + " (" + run.stepState() + ", " + run.phase() + ")", Map.of("workflow", run.workflow()));
            if (run.phase() == RunPhase.RUNNING && run.stepState() == StepState.ACTING) {
                stepper.startRollback(run, "the process stopped in the middle of step " + run.stepIndex()
                        + "; its outcome is unknown");
            }
        }
    }
}
