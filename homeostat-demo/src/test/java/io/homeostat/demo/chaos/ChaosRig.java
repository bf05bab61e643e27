package io.homeostat.demo.chaos;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.ControlledCache;
import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.LocalKernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.CircuitTriggerCheck;
import io.homeostat.engine.execute.EscalationNotice;
import io.homeostat.engine.execute.GuardMetricSource;
import io.homeostat.engine.execute.RecoveryOrchestratorBuilder;
import io.homeostat.engine.execute.action.AllowedCommand;
import io.homeostat.engine.execute.action.StandardActions;
import io.homeostat.engine.detect.series.OperationSampler;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.loop.ControlLoop;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import io.homeostat.store.jdbc.JdbcStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The system under chaos for one scenario: guards on a {@link ManualClock} publishing to a manual
 * in-process bus, the operation sampler turning them into metric series, and the engine's whole
 * {@link ControlLoop} (default detector chain, incident tracker, diagnosis, the shipped workflows
 * and the standard actions acting through {@link KernelControl}) over the ports it is given
 * (in memory unless a scenario passes the JDBC store's). Time only moves when a scenario moves it,
 * so every run of a seed is the same run. Not thread-safe: one thread drives it.
 */
final class ChaosRig implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** The ports the loop keeps its knowledge in. */
    record Ports(IncidentStore incidents, WorkflowStore runs, AuditLog audit, EffectivenessStore effectiveness) {

        /** The JDBC store's ports (H2 or PostgreSQL), as the server wires them; the audit log counted. */
        static Ports of(JdbcStore store) {
            return new Ports(store.incidents(), store.workflows(), new CountingAuditLog(store.auditLog()),
                    store.effectiveness());
        }

        static Ports inMemory() {
            return new Ports(new InMemoryIncidentStore(), new InMemoryWorkflowStore(), new InMemoryAuditLog(),
                    new InMemoryEffectivenessStore());
        }
    }

    final ManualClock clock;
    final InProcessSignalBus bus = InProcessSignalBus.manual();
    final GuardRegistry guards;
    final KernelControl control;
    private final Builder builder;
    Ports ports;
    final ActionCounter actions = new ActionCounter();
    final List<EscalationNotice> notices = new CopyOnWriteArrayList<>();
    final RecordingEscalation escalation = new RecordingEscalation();
    ControlLoop loop;
    private final OperationSampler sampler;

    private ChaosRig(Builder b) {
        this.clock = b.clock != null ? b.clock : ManualClock.at(T0);
        GuardRegistry.Builder registry = GuardRegistry.builder().clock(clock).signalBus(bus);
        b.configs.forEach(registry::config);
        this.guards = registry.build();
        LocalKernelControl.Builder kernel = KernelControl.builder().guards(guards);
        b.routes.forEach(kernel::route);
        b.caches.forEach(kernel::cache);
        b.probes.forEach(kernel::probe);
        this.control = kernel.build();
        this.builder = b;
        this.ports = b.ports != null ? b.ports : Ports.inMemory();
        this.loop = newLoop(ports);
        this.sampler = OperationSampler.create(guards::guards, bus, clock.scheduler()).start();
    }

    /**
     * The control plane dies and a new one starts over {@code ports} (e.g. a new store on the same
     * database): the old loop is dropped without a goodbye (unsubscribed; nothing flushed but the
     * incident transitions its tracker held back for at most a second), the application's kernel
     * (guards, routes, caches) stays as it was.
     */
    void restartLoop(Ports ports) {
        loop.close();
        this.ports = ports;
        this.loop = newLoop(ports);
    }

    private ControlLoop newLoop(Ports ports) {
        Builder b = builder;
        Map<String, Set<String>> graph = Map.copyOf(b.graph);
        return ControlLoop.builder().clock(clock).bus(bus).incidents(ports.incidents()).runs(ports.runs())
                .audit(ports.audit()).effectiveness(ports.effectiveness()).escalation(escalation)
                .actions(actions.wrap(StandardActions.catalog(control, b.routes, notices::add, List.of(), b.commands,
                        clock, List.of())))
                .metrics(new GuardMetricSource(guards, b.routes)).settle(b.settle)
                .graph(() -> DependencyGraph.of(graph))
                .recovery(r -> b.recovery.apply(r.triggerCheck(new CircuitTriggerCheck(control)))).build();
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * One second of simulated life: {@code traffic} runs (its calls advance the clock by their
     * latency), the clock moves on to the next whole second (the sampler publishes), the bus
     * delivers to the detectors, and the loop ticks once (a stage that fails, e.g. because its store
     * is unreachable, is counted by the loop, {@link ControlLoop#stageFailures()}, and the later stages still run).
     */
    void second(Runnable traffic) {
        step(Duration.ofSeconds(1), traffic);
    }

    /** As {@link #second}, for a longer step (a gauge sampled every {@code step}). */
    void step(Duration step, Runnable traffic) {
        Instant next = clock.instant().plus(step);
        traffic.run();
        Duration left = Duration.between(clock.instant(), next);
        if (left.isPositive()) {
            clock.advance(left);
        }
        bus.drain();
        loop.tick();
    }

    /** {@link #second} {@code seconds} times. */
    void seconds(int seconds, Runnable traffic) {
        for (int i = 0; i < seconds; i++) {
            second(traffic);
        }
    }

    @Override
    public void close() {
        sampler.close();
        loop.close();
        bus.close();
    }

    /** Builds a rig; nothing is required. Not thread-safe. */
    static final class Builder {
        private ManualClock clock;
        private final Map<String, GuardConfig> configs = new LinkedHashMap<>();
        private final List<ProviderRoute> routes = new ArrayList<>();
        private final Map<String, ControlledCache> caches = new LinkedHashMap<>();
        private final Map<String, BooleanSupplier> probes = new LinkedHashMap<>();
        private final List<AllowedCommand> commands = new ArrayList<>();
        private final Map<String, Set<String>> graph = new LinkedHashMap<>();
        private Ports ports;
        private Duration settle = Duration.ZERO;
        private UnaryOperator<RecoveryOrchestratorBuilder> recovery = r -> r;

        /** The clock; default a new manual clock at {@link #T0}. */
        Builder clock(ManualClock clock) {
            this.clock = clock;
            return this;
        }

        /** A guard config, matched by name as the registry does (e.g. {@code llm} for {@code llm:openai}). */
        Builder config(String name, GuardConfig config) {
            configs.put(name, config);
            return this;
        }

        Builder route(ProviderRoute route) {
            routes.add(route);
            return this;
        }

        Builder cache(String name, ControlledCache cache) {
            caches.put(name, cache);
            return this;
        }

        /** A probe for the {@code reprobe} action: true if the dependency answers well. */
        Builder probe(String name, BooleanSupplier probe) {
            probes.put(name, probe);
            return this;
        }

        /** An allow-listed command for the {@code run_command} action. */
        Builder command(AllowedCommand command) {
            commands.add(command);
            return this;
        }

        /** {@code service} calls {@code dependencies}. */
        Builder dependsOn(String service, String... dependencies) {
            graph.put(service, Set.of(dependencies));
            return this;
        }

        Builder ports(Ports ports) {
            this.ports = ports;
            return this;
        }

        /** How long an incident stays open before it is diagnosed; default zero. */
        Builder settle(Duration settle) {
            this.settle = settle;
            return this;
        }

        Builder recovery(UnaryOperator<RecoveryOrchestratorBuilder> recovery) {
            this.recovery = recovery;
            return this;
        }

        ChaosRig build() {
            return new ChaosRig(this);
        }
    }
}
