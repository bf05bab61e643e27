package io.homeostat.store.breaker;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.RegistryEvent;
import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.engine.port.BreakerStateStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a {@link GuardRegistry}'s breaker states in a {@link BreakerStateStore}: a breaker that
 * was open when the application stopped is open again after it starts, until its retry time.
 *
 * <p>Saving: it subscribes to the signal bus the registry's breakers publish their
 * {@link CircuitTransition}s to, and for each transition queues the breaker's name for its one
 * writer thread ({@code homeostat-breaker-state}), which exports the breaker's <em>current</em>
 * state and saves it. Nothing runs on a caller's thread; several transitions of one breaker that
 * queue up while a save runs collapse into one save of the latest state. A save that fails
 * (the store unreachable) is counted in {@link #saveFailures()} and not retried: the next
 * transition saves the then-current state. A transition the bus dropped is not saved.
 *
 * <p>Restoring: {@link #start} reads every stored state once, imports it into the registry's
 * existing breakers of the same name, and imports it into breakers the registry creates later
 * (from its {@link RegistryEvent.Added} event, from memory, without touching the store).
 *
 * <p>Thread-safe.
 */
public final class BreakerStatePersistence implements AutoCloseable {

    private final GuardRegistry registry;
    private final BreakerStateStore store;
    private final Map<String, BreakerState> stored;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService writer;
    private final AtomicLong saves = new AtomicLong();
    private final AtomicLong saveFailures = new AtomicLong();
    private final AutoCloseable subscription;

    private BreakerStatePersistence(GuardRegistry registry, SignalBus bus, BreakerStateStore store) {
        this.registry = registry;
        this.store = store;
        this.stored = new ConcurrentHashMap<>();
        for (BreakerState state : store.all()) {
            stored.put(state.name(), state);
        }
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "homeostat-breaker-state");
            thread.setDaemon(true);
            return thread;
        });
        registry.onEvent(this::onRegistryEvent);
        for (Guard guard : registry.guards()) {
            guard.circuitBreaker().ifPresent(this::restore);
        }
        this.subscription = bus.subscribe(this::onSignals);
    }

    /**
     * Restores the stored states into the registry's breakers (those it has and those it creates
     * later) and starts saving their transitions.
     *
     * @param bus the bus the registry publishes to ({@link GuardRegistry.Builder#signalBus})
     * @throws io.homeostat.engine.port.StoreUnavailableException if the stored states cannot be read
     */
    public static BreakerStatePersistence start(GuardRegistry registry, SignalBus bus, BreakerStateStore store) {
        return new BreakerStatePersistence(Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(bus, "bus"), Objects.requireNonNull(store, "store"));
    }

    /**
     * Blocks until every save queued before has run (or failed).
     *
     * @throws IllegalStateException if it was closed
     */
    public void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("breaker state persistence is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing breaker states", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** States saved so far. */
    public long saves() {
        return saves.get();
    }

    /** Saves that failed (the store threw) so far. */
    public long saveFailures() {
        return saveFailures.get();
    }

    /** Stops listening, runs the saves already queued, and stops the writer thread. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            saveFailures.incrementAndGet();
        }
        writer.shutdown();
        try {
            writer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onRegistryEvent(RegistryEvent event) {
        if (event instanceof RegistryEvent.Added added) {
            registry.find(added.name()).flatMap(Guard::circuitBreaker).ifPresent(this::restore);
        }
    }

    private void restore(CircuitBreaker breaker) {
        BreakerState state = stored.remove(breaker.name());
        if (state != null) {
            breaker.importState(state);
        }
    }

    private void onSignals(List<Signal> signals) {
        for (Signal signal : signals) {
            if (signal instanceof CircuitTransition transition && queued.add(transition.service())) {
                try {
                    writer.execute(() -> save(transition.service()));
                } catch (RejectedExecutionException e) {
                    queued.remove(transition.service());
                }
            }
        }
    }

    private void save(String name) {
        queued.remove(name);
        Optional<CircuitBreaker> breaker = registry.find(name).flatMap(Guard::circuitBreaker);
        if (breaker.isEmpty()) {
            return;
        }
        try {
            store.save(breaker.get().exportState());
            saves.incrementAndGet();
        } catch (RuntimeException e) {
            saveFailures.incrementAndGet();
        }
    }
}
