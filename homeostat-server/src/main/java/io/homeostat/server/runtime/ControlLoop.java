package io.homeostat.server.runtime;

import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.LocalKernelControl;
import io.homeostat.core.degrade.Degradation;
import io.homeostat.core.degrade.FeatureToggles;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.DedicatedScheduler;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.FlapPolicy;
import io.homeostat.engine.alert.IncidentAlerts;
import io.homeostat.engine.alert.config.AlertingConfig;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.notify.ChannelTransport;
import io.homeostat.engine.alert.notify.LogChannel;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.diagnose.DiagnosisStage;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.CircuitTriggerCheck;
import io.homeostat.engine.execute.EscalationPortSink;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.RecoveryOrchestrator;
import io.homeostat.engine.execute.SampleMetricSource;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.learn.EffectivenessLearner;
import io.homeostat.engine.loop.CircuitEventDetector;
import io.homeostat.engine.plan.DefaultWorkflows;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.server.metrics.SelfMonitor;
import io.homeostat.store.jdbc.FailureRecord;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.SchemaMigrations;
import io.homeostat.store.jdbc.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one server: the engine's whole loop
 * ({@link io.homeostat.engine.loop.ControlLoop}) over the ports of the {@link JdbcStore}.
 * Signals published to {@link #bus()} run through the standard detector chain (repeating a firing
 * detection every {@link io.homeostat.engine.incident.IncidentTrackerConfig#firingRepeat()} of the tuning's
 * tracking, its anomaly detector not scoring {@link SelfMonitor#UNUSUAL_BY_DESIGN}) and the circuit
 * detector; detections open incidents; settled incidents are diagnosed; recovery workflows (the
 * shipped ones, acting through {@link #control()} on the guards of {@link #guards()}, the
 * {@link #degradation()} and the {@link #toggles()}) run durably with the store's
 * {@link io.homeostat.engine.port.WorkflowStore}, their success criteria reading the guards of this JVM or, for
 * a service without one here, the latest fresh metric samples on the bus ({@link #samples()}); what needs a person goes to {@link #alerting()};
 * every decision goes to the store's audit log. Raw metric samples are written to the store at most
 * one per series per {@link LoopOptions#rawSampleInterval()} of their own time ({@link #rawSamples()}; detection sees
 * every sample), failure events all of them; circuit
 * transitions update {@link #circuits()}. Every diagnosis is kept in the store's
 * {@link io.homeostat.engine.port.DiagnosisStore}, so it outlives its incident and a restart.
 * Alert silences ({@link io.homeostat.engine.port.SilenceStore}), the alerts not resolved, with
 * who acknowledged them, and the escalations followed ({@link io.homeostat.engine.port.ActiveAlertStore})
 * are kept in the store too and restored before the first tick, as recovery's switches are.
 *
 * <p>An application in the same JVM creates its guards in {@link #guards()} (so the healer can act
 * on them) and its features in {@link #toggles()}. The loop ticks every {@link #TICK} on a
 * {@linkplain Scheduler#dedicated dedicated} scheduler ({@code homeostat-loop} on the real clock),
 * so a tick slowed by the store delays no other timer. {@link #close()} stops ticking and intake,
 * delivers what is queued, and flushes and closes the store. Thread-safe.
 */
public final class ControlLoop implements AutoCloseable {

    /** The leader lease a server holds on its PostgreSQL database while it runs: {@value}. */
    public static final String SERVER_LEASE = "homeostat-server";

    /** How often every stage of the loop moves. */
    public static final Duration TICK = Duration.ofSeconds(1);

    /** How long {@link #SERVER_LEASE} lasts unless renewed (every third of it) or given up. */
    public static final Duration SERVER_LEASE_TTL = ServerLease.TTL;

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
    private static final long ALERT_WRITES_WAIT_SECONDS = 10;
    private static final Logger ESCALATION_LOG = LoggerFactory.getLogger("io.homeostat.escalation");

    private final Scheduler scheduler;
    private final JdbcStore store;
    private final ServerLease lease;
    private final InProcessSignalBus bus;
    private final DetectorChain chain;
    private final IncidentStore incidents;
    private final Alerting alerting;
    private final AlertingConfig alertingConfig;
    private final GuardRegistry guards;
    private final Degradation degradation;
    private final FeatureToggles toggles;
    private final KernelControl control;
    private final WorkflowCatalog workflows;
    private final ActionCatalog actions;
    private final ObservedAuditLog audit;
    private final io.homeostat.engine.loop.ControlLoop engine;
    private final Circuits circuits;
    private final SampleMetricSource samples;
    private final ServiceHealth health = new ServiceHealth();
    private final Overhead overhead;
    private final RawSampleDownsampler rawSamples;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final List<Consumer<AlertEvent>> alertListeners = new CopyOnWriteArrayList<>();
    private final DedicatedScheduler tickThread;
    /** Writes the alert and silence state nobody waits for, so a database that hangs holds only this thread. */
    private final ExecutorService alertStoreWriter = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().daemon().name("homeostat-alert-store").unstarted(task));
    private final Cancellable ticking;
    private final StoreHousekeeping housekeeping;
    private final RecoverySwitches recoverySwitches;

    private ControlLoop(JdbcStore store, ServerLease lease, IncidentStore incidents, Scheduler scheduler,
            LoopOptions options, LoopSettings settings) {
        this.scheduler = scheduler;
        this.incidents = incidents;
        this.store = store;
        this.lease = lease;
        this.audit = new ObservedAuditLog(store.auditLog());
        this.bus = InProcessSignalBus.builder().threadName("homeostat-bus").build();
        // Detectors repeat a firing detection within the tracker's hold period, so an incident whose condition goes
        // on stays open; Homeostat's own traffic-driven figures are not news to the anomaly detector.
        DetectorChainBuilder chainBuilder = DetectorChainBuilder.standard(scheduler.clock(), baseline -> { },
                options.tuning().tracking().firingRepeat(), SelfMonitor.UNUSUAL_BY_DESIGN);
        options.tuning().detectors().forEach(chainBuilder::add);
        this.chain = chainBuilder.build();
        // Without homeostat.yaml's alerting section, every alert goes to the log and nobody is on call.
        this.alertingConfig = settings.alerting().map(section -> {
            ChannelTransport transport = ChannelTransport.on(scheduler);
            subscriptions.add(() -> transport.http().shutdown()); // deliveries under way may finish
            return section.config(transport);
        }).orElseGet(() ->
                new AlertingConfig(List.of(Receiver.of("log", LogChannel.of("log"))), Route.to("log").build(),
                        FlapPolicy.defaults(), EscalationPolicy.defaults(), List.of()));
        this.alerting = alertingConfig.applyTo(Alerting.builder(scheduler))
                .auditHook(this::alertEvent)
                .audit(audit)
                .store(store.alerts())
                .storeWriter(alertStoreWriter)
                // Before the first tick: a silence made before a restart mutes after it until its end, and the
                // alerts of incidents still open are back, an acknowledged one still acknowledged.
                .silences(store.silences())
                .activeAlerts(store.activeAlerts())
                // An escalation kept for an incident that closed meanwhile ends before it could climb.
                .openIncidents(id -> incidents.find(id).filter(incident -> incident.status() != IncidentStatus.RESOLVED)
                        .isPresent())
                .build();
        // On the shared timer, the guards' timeouts go to a thread of their own (see Scheduler.deadlines()).
        Scheduler deadlines = scheduler == Scheduler.system() ? Scheduler.deadlines() : scheduler;
        this.guards = GuardRegistry.builder().clock(scheduler.clock()).scheduler(deadlines).signalBus(bus).build();
        this.degradation = Degradation.create(scheduler.clock());
        this.toggles = FeatureToggles.create(degradation, scheduler.clock());
        LocalKernelControl.Builder kernel = KernelControl.builder().guards(guards).degradation(degradation).toggles(toggles);
        options.routes().forEach(kernel::route);
        options.caches().forEach(kernel::cache);
        options.probes().forEach(kernel::probe);
        options.pools().forEach(kernel::pool);
        options.restartables().forEach(kernel::restartable);
        options.capacities().forEach(kernel::capacity);
        this.control = kernel.build();
        // What alerting declines (nobody is on call without an alerting section) goes to the log, not nowhere.
        EscalationOnly escalation = new EscalationOnly(alerting, line -> ESCALATION_LOG.warn("{}", line));
        this.actions = StandardActions.catalog(control, options.routes(), new EscalationPortSink(escalation), List.of(),
                List.of(), scheduler.clock(), options.tuning().actions());
        List<Workflow> all = new ArrayList<>(options.tuning().workflows());
        all.addAll(DefaultWorkflows.load());
        this.workflows = WorkflowCatalog.of(all);
        this.circuits = new Circuits(guards);
        // Success criteria read this JVM's guards; a service without one here (one that reports over HTTP) is
        // read from its latest fresh samples on the bus.
        this.samples = SampleMetricSource.create(scheduler.clock());
        subscriptions.add(bus.subscribe(samples::observe));
        io.homeostat.engine.loop.ControlLoopBuilder engineBuilder = io.homeostat.engine.loop.ControlLoop.builder();
        if (!options.tuning().graph().services().isEmpty()) {
            // A declared graph replaces the one the loop would learn from the bus.
            engineBuilder.graph(options.tuning()::graph);
        }
        this.engine = engineBuilder
                .clock(scheduler.clock())
                .bus(bus)
                .incidents(incidents)
                .runs(store.workflows())
                .audit(audit)
                .effectiveness(store.effectiveness())
                .diagnoses(store.diagnoses())
                .escalation(escalation)
                .actions(actions)
                .metrics(new GuardMetricSource(guards, options.routes()).orElse(samples))
                .settle(options.settle())
                .detector(chain)
                .detector(new CircuitEventDetector())
                .workflows(workflows)
                .tracking(options.tuning().tracking())
                .recovery(b -> b.triggerCheck(new CircuitTriggerCheck(control)).policy(options.tuning().policy())
                        .fencing(lease.fencing())
                        // Homeostat's incidents about itself say nothing about how much of the system fails.
                        .notCountedForBlastRadius(Set.of(SelfMonitor.SERVICE)))
                .degradation(settings.degradation(), control)
                .build();
        subscriptions.add(engine);
        subscriptions.add(engine.incidents().listen(IncidentAlerts.feeding(alerting)));
        resolveAlertsOfClosedIncidents();
        raiseAlertsOfIncidentsNeverAlerted();
        subscriptions.add(bus.subscribe(circuits::observe));
        subscriptions.add(bus.subscribe(health::observe));
        this.rawSamples = new RawSampleDownsampler(options.rawSampleInterval());
        SignalRecorder recorder = new SignalRecorder(rawSamples, store::write,
                // kept for the failure statistics (most common types, failing services, error trend)
                failure -> store.write(FailureRecord.of(UUID.randomUUID().toString(), failure, Severity.MEDIUM)));
        subscriptions.add(bus.subscribe(recorder::record));
        this.overhead = new Overhead(bus, scheduler.clock());
        // Before the first tick: a switch a person turned off before a restart is off from the start.
        this.recoverySwitches = RecoverySwitches.restore(store.recoverySwitches(), engine.recovery().flags());
        // A tick waits for the store: on a thread of its own, so a slow one delays no other timer of the process.
        this.tickThread = scheduler.dedicated("homeostat-loop");
        this.ticking = tickThread.scheduleAtFixedRate(TICK, TICK, () -> overhead.timed(engine::tick));
        this.housekeeping = new StoreHousekeeping(store, settings.retention(), scheduler);
    }

    /**
     * Opens the store (migrating its schema) and starts the loop.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     * @throws AnotherServerActiveException if another server acts on the same PostgreSQL database
     */
    public static ControlLoop start(StoreConfig storeConfig, IncidentStore incidents, Scheduler scheduler) {
        Objects.requireNonNull(incidents, "incidents");
        return start(storeConfig, store -> incidents, scheduler, LoopOptions.defaults(), LoopSettings.defaults());
    }

    /**
     * As {@link #start(StoreConfig, IncidentStore, Scheduler)}, with the settings of {@code homeostat.yaml}.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     * @throws AnotherServerActiveException if another server acts on the same PostgreSQL database
     */
    public static ControlLoop start(StoreConfig storeConfig, IncidentStore incidents, Scheduler scheduler,
            LoopSettings settings) {
        Objects.requireNonNull(incidents, "incidents");
        return start(storeConfig, store -> incidents, scheduler, LoopOptions.defaults(), settings);
    }

    /**
     * Opens the store (migrating its schema) and starts the loop with the incidents kept in that
     * store, so they outlive a restart.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     * @throws AnotherServerActiveException if another server acts on the same PostgreSQL database
     */
    public static ControlLoop start(StoreConfig storeConfig, Scheduler scheduler) {
        return start(storeConfig, JdbcStore::incidents, scheduler, LoopOptions.defaults(), LoopSettings.defaults());
    }

    /**
     * As {@link #start(StoreConfig, Scheduler)}, with routes, caches, probes, pools, restartables and capacities of an
     * embedding application for recovery to act on, and its settle time.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     * @throws AnotherServerActiveException if another server acts on the same PostgreSQL database
     */
    public static ControlLoop start(StoreConfig storeConfig, Scheduler scheduler, LoopOptions options) {
        return start(storeConfig, JdbcStore::incidents, scheduler, options, LoopSettings.defaults());
    }

    /**
     * As {@link #start(StoreConfig, Scheduler, LoopOptions)}, with the settings of {@code homeostat.yaml}.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     * @throws AnotherServerActiveException if another server acts on the same PostgreSQL database
     */
    public static ControlLoop start(StoreConfig storeConfig, Scheduler scheduler, LoopOptions options,
            LoopSettings settings) {
        return start(storeConfig, JdbcStore::incidents, scheduler, options, settings);
    }

    private static ControlLoop start(StoreConfig storeConfig, Function<JdbcStore, IncidentStore> incidents,
            Scheduler scheduler, LoopOptions options, LoopSettings settings) {
        Objects.requireNonNull(storeConfig, "storeConfig");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        JdbcStore store = JdbcStore.open(storeConfig, scheduler);
        ServerLease lease = null;
        try {
            // Before anything can act: runs resumed from the store already check the lease.
            lease = store.shared() ? ServerLease.take(store.lease(ServerLease.NAME, ServerLease.TTL),
                    ServerLease.holderFor(storeConfig.spoolDirectory()), scheduler) : ServerLease.none();
            return new ControlLoop(store, lease, incidents.apply(store), scheduler, options, settings);
        } catch (RuntimeException e) {
            if (lease != null) {
                lease.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * The server that acts on {@code storeConfig}'s PostgreSQL database now, as its lease names it
     * ({@code host:data directory}), unless that is the server {@code storeConfig} is for (its own
     * holding, left by a crash, which its start takes back): what a standby waits on. Empty on the
     * embedded database, on one no server has run on, or when the lease lapsed.
     *
     * @throws io.homeostat.engine.port.StoreUnavailableException if the database cannot be reached
     */
    public static Optional<String> otherServer(StoreConfig storeConfig) {
        String self = ServerLease.holder(ServerLease.holderFor(storeConfig.spoolDirectory()));
        return SchemaMigrations.leaseHolder(storeConfig, SERVER_LEASE).filter(holder -> !holder.equals(self));
    }

    /**
     * An alert kept from before the start whose incident is no longer active (it resolved while the
     * store could not take the alert's removal) resolves now: nothing would resolve it later. (An
     * escalation kept for such an incident ended as alerting was built: see
     * {@link io.homeostat.engine.alert.AlertingBuilder#openIncidents}.)
     */
    private void resolveAlertsOfClosedIncidents() {
        Set<String> active = engine.incidents().active().stream().map(Incident::id).collect(Collectors.toSet());
        for (AlertView alert : alerting.alerts()) {
            Optional<String> incident = alert.labels().incident();
            if (incident.isPresent() && !active.contains(incident.get())) {
                alerting.resolve(alert.fingerprint(), AlertEvent.SYSTEM);
            }
        }
    }

    /**
     * An open incident of whose alert the store holds nothing at all, neither the alert nor any
     * event of it, was opened while the database was away and the server stopped before the alert
     * could be written (it waited in memory for the retry): raise its alert again, from the
     * incident, so somebody is told. One whose alert somebody resolved, or that resolved, has
     * history and is left alone.
     */
    private void raiseAlertsOfIncidentsNeverAlerted() {
        Set<String> alerted = alerting.alerts().stream().map(alert -> alert.labels().incident())
                .flatMap(Optional::stream).collect(Collectors.toSet());
        for (Incident incident : engine.incidents().active()) {
            if (alerted.contains(incident.id()) || !store.alerts().incident(incident.id()).isEmpty()) {
                continue;
            }
            String service = incident.services().iterator().next();
            String fingerprint = incident.fingerprint();
            int end = fingerprint.startsWith(service + "|") ? fingerprint.indexOf('|', service.length() + 1) : -1;
            String category = end < 0 ? "unknown" : fingerprint.substring(service.length() + 1, end);
            LOG.warn("incident {} is open and its alert was never stored (the database was away): raising it again",
                    incident.id());
            alerting.fire(Alert.of(service, incident.severity(), category, incident.id(), incident.title(),
                    incident.openedAt()));
        }
    }

    private void alertEvent(AlertEvent event) {
        for (Consumer<AlertEvent> listener : alertListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("an alert event listener failed", e);
            }
        }
    }

    /** Calls {@code listener} with every alert event (fired, acknowledged, resolved, ...), on the alert manager's thread. */
    public void onAlertEvent(Consumer<AlertEvent> listener) {
        alertListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Calls {@code listener} with every record the loop appends to the audit trail (recovery runs,
     * steps, approvals, escalations), right after it was appended, on the appending thread.
     */
    public void onAuditRecord(Consumer<AuditRecord> listener) {
        audit.listen(listener);
    }

    /** Which raw metric samples reach the store, and how many were kept and skipped. */
    public RawSampleDownsampler rawSamples() {
        return rawSamples;
    }

    /**
     * The latest fresh metric samples of each series on the bus, which success criteria read for a service that
     * has no guard in this JVM (see {@link SampleMetricSource} for how criteria name metrics).
     */
    public SampleMetricSource samples() {
        return samples;
    }

    /**
     * Whether this server acts on its database: always on the embedded H2; on PostgreSQL while it
     * holds the database's server lease (it refuses every recovery action when another server took
     * the lease over).
     */
    public boolean leads() {
        return lease.leads();
    }

    /**
     * Runs {@code listener} with the other server's name when another server took this one's
     * database over (on PostgreSQL; never on the embedded H2). The server stops then.
     */
    public void onLeaseLost(Consumer<String> listener) {
        lease.onLost(listener);
    }

    /** The bus ingest publishes to, and an application in this JVM may publish to. */
    public InProcessSignalBus bus() {
        return bus;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public JdbcStore store() {
        return store;
    }

    public IncidentStore incidents() {
        return incidents;
    }

    /** The incident tracker of the engine's loop. */
    public IncidentTracker tracker() {
        return engine.incidents();
    }

    /** The diagnosis stage: the latest diagnosis of each active incident. */
    public DiagnosisStage diagnosis() {
        return engine.diagnosis();
    }

    /**
     * Recovery's run-time switches (kill switch, mode, per service, action and risk): set them here
     * so the change is kept in the store and restored at the next start.
     */
    public RecoverySwitches recoverySwitches() {
        return recoverySwitches;
    }

    /** The recovery orchestrator: runs, approvals ({@code approve}/{@code reject}), manual starts, flags. */
    public RecoveryOrchestrator recovery() {
        return engine.recovery();
    }

    /** The effectiveness learner the planner ranks workflows and actions by. */
    public EffectivenessLearner learner() {
        return engine.learner();
    }

    /** The engine's loop itself, e.g. to {@code tick()} it on a manual clock in tests. */
    public io.homeostat.engine.loop.ControlLoop engine() {
        return engine;
    }

    /** The audit trail the loop writes to (the store's), telling {@link #onAuditRecord} listeners. */
    public AuditLog auditLog() {
        return audit;
    }

    /** The actions recovery steps may name. */
    public ActionCatalog actions() {
        return actions;
    }

    /** Who hears about alerts and who is on call: homeostat.yaml's alerting section, or the log alone. */
    public AlertingConfig alertingConfig() {
        return alertingConfig;
    }

    /** The recovery workflows the loop chooses from now (a configuration reload may replace them). */
    public WorkflowCatalog workflows() {
        return engine.recovery().workflows();
    }

    public Alerting alerting() {
        return alerting;
    }

    /** The standard detector chain (one of the loop's detectors; the circuit detector is the other). */
    public DetectorChain chain() {
        return chain;
    }

    /** The guards of this process, whose breakers operators can command and recovery acts on. */
    public GuardRegistry guards() {
        return guards;
    }

    /** The degradation level of this process, which operators and recovery set. */
    public Degradation degradation() {
        return degradation;
    }

    /** The feature toggles of this process: register features here so operators and recovery can switch them. */
    public FeatureToggles toggles() {
        return toggles;
    }

    /** What recovery actions act through: the guards, the degradation and the toggles above. */
    public KernelControl control() {
        return control;
    }

    public Circuits circuits() {
        return circuits;
    }

    /** Each service's health over the last 24 h, from the signals on the bus. */
    public ServiceHealth health() {
        return health;
    }

    /** Homeostat's own cost: tick time, signals per second, CPU share and heap. */
    public Overhead overhead() {
        return overhead;
    }

    /** The store's rollup and retention runs. */
    public StoreHousekeeping housekeeping() {
        return housekeeping;
    }

    /**
     * Stops ticking (waiting for a running tick) and housekeeping, delivers what the bus holds, lets
     * the alert store writer finish what waits (up to {@value #ALERT_WRITES_WAIT_SECONDS} s), then
     * flushes and closes the store (closed also when the flush throws, reporting dropped records).
     */
    @Override
    public void close() {
        ticking.cancel();
        tickThread.close();
        housekeeping.close();
        bus.close();
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("closing a subscription failed", e);
            }
        }
        finishAlertWrites();
        try {
            lease.close();
            store.flush();
        } finally {
            store.close();
        }
    }

    private void finishAlertWrites() {
        alertStoreWriter.shutdown(); // what is queued still runs; a later change writes on its own thread
        try {
            if (!alertStoreWriter.awaitTermination(ALERT_WRITES_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("alert state writes still wait for the database after {} s; the store closes without them",
                        ALERT_WRITES_WAIT_SECONDS);
                alertStoreWriter.shutdownNow();
            }
        } catch (InterruptedException e) {
            alertStoreWriter.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
