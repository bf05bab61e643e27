package io.homeostat.server.runtime;

import io.homeostat.core.GuardRegistry;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.IncidentAlerts;
import io.homeostat.engine.alert.notify.LogChannel;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.StoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine and the store of one server, wired: signals published to {@link #bus()} run through
 * the standard detector chain, detections go to the incident tracker, incidents fire alerts,
 * metric samples are written to the store and circuit transitions update {@link #circuits()}.
 * {@link #close()} stops intake, delivers what is queued, and flushes and closes the store.
 * Thread-safe.
 */
public final class ControlLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    private final Scheduler scheduler;
    private final JdbcStore store;
    private final InProcessSignalBus bus;
    private final DetectorChain chain;
    private final IncidentStore incidents;
    private final IncidentTracker tracker;
    private final Alerting alerting;
    private final GuardRegistry guards;
    private final Circuits circuits;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final List<Consumer<AlertEvent>> alertListeners = new CopyOnWriteArrayList<>();
    private final Cancellable ticking;

    private ControlLoop(JdbcStore store, IncidentStore incidents, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.incidents = incidents;
        this.store = store;
        this.bus = InProcessSignalBus.builder().threadName("homeostat-bus").build();
        this.chain = DetectorChainBuilder.standard(scheduler.clock(), baseline -> { }).build();
        this.tracker = IncidentTracker.builder(incidents).clock(scheduler.clock()).build();
        // Until alerting is configured from homeostat.yaml, every alert goes to the log.
        this.alerting = Alerting.builder(scheduler)
                .receiver(Receiver.of("log", LogChannel.of("log")))
                .route(Route.to("log").build())
                .auditHook(this::alertEvent)
                .store(store.alerts())
                .build();
        this.guards = GuardRegistry.builder().clock(scheduler.clock()).scheduler(scheduler).signalBus(bus).build();
        this.circuits = new Circuits(guards);
        subscriptions.add(tracker.listen(IncidentAlerts.feeding(alerting)));
        subscriptions.add(chain.attach(bus, tracker::observe));
        subscriptions.add(bus.subscribe(circuits::observe));
        subscriptions.add(bus.subscribe(this::store));
        this.ticking = tracker.start(scheduler);
    }

    /**
     * Opens the store (migrating its schema) and starts the loop.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     */
    public static ControlLoop start(StoreConfig storeConfig, IncidentStore incidents, Scheduler scheduler) {
        Objects.requireNonNull(incidents, "incidents");
        return start(storeConfig, store -> incidents, scheduler);
    }

    /**
     * Opens the store (migrating its schema) and starts the loop with the incidents kept in that
     * store, so they outlive a restart.
     *
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException whatever {@link JdbcStore#open} throws when the database cannot be opened
     */
    public static ControlLoop start(StoreConfig storeConfig, Scheduler scheduler) {
        return start(storeConfig, JdbcStore::incidents, scheduler);
    }

    private static ControlLoop start(StoreConfig storeConfig, Function<JdbcStore, IncidentStore> incidents,
            Scheduler scheduler) {
        Objects.requireNonNull(storeConfig, "storeConfig");
        Objects.requireNonNull(scheduler, "scheduler");
        JdbcStore store = JdbcStore.open(storeConfig, scheduler);
        try {
            return new ControlLoop(store, incidents.apply(store), scheduler);
        } catch (RuntimeException e) {
            store.close();
            throw e;
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

    private void store(List<Signal> batch) {
        for (Signal signal : batch) {
            if (signal instanceof MetricSample sample) {
                store.write(sample);
            }
        }
    }

    /** The bus ingest publishes to. */
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

    public IncidentTracker tracker() {
        return tracker;
    }

    public Alerting alerting() {
        return alerting;
    }

    public DetectorChain chain() {
        return chain;
    }

    /** The guards of this process, whose breakers operators can command. */
    public GuardRegistry guards() {
        return guards;
    }

    public Circuits circuits() {
        return circuits;
    }

    /** Stops ticking, delivers what the bus holds, then flushes and closes the store. */
    @Override
    public void close() {
        ticking.cancel();
        bus.close();
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("closing a subscription failed", e);
            }
        }
        store.flush();
        store.close();
    }
}
