package io.homeostat.demo.scenario;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.upstream.FaultState;
import io.homeostat.demo.upstream.SimulatedDatabase;
import io.homeostat.demo.upstream.Upstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Plays a resolved schedule on a scheduler: at each fault's start it sets the fault on its target
 * (an {@link Upstream} or the {@link SimulatedDatabase}), at its end it takes it away, and it
 * tells {@code listener} both ({@code true} when injected, {@code false} when cleared). Thread-safe.
 */
public final class ChaosRunner implements AutoCloseable {

    private final Map<String, Upstream> upstreams;
    private final Map<String, SimulatedDatabase> databases;
    private final BiConsumer<FaultSpec, Boolean> listener;
    private final List<Cancellable> pending = new ArrayList<>();

    /**
     * A runner over these targets.
     *
     * @param listener told of every injection and clearing, on the scheduler's thread
     */
    public ChaosRunner(Map<String, Upstream> upstreams, Map<String, SimulatedDatabase> databases,
            BiConsumer<FaultSpec, Boolean> listener) {
        this.upstreams = Map.copyOf(upstreams);
        this.databases = Map.copyOf(databases);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Schedules every fault, offsets counted from now.
     *
     * @throws IllegalArgumentException if a fault names a target this runner does not know
     */
    public synchronized void start(List<FaultSpec> faults, Scheduler scheduler) {
        for (FaultSpec fault : faults) {
            if (!upstreams.containsKey(fault.target()) && !databases.containsKey(fault.target())) {
                throw new IllegalArgumentException("fault '" + fault.name() + "' names unknown target " + fault.target());
            }
        }
        for (FaultSpec fault : faults) {
            pending.add(scheduler.schedule(fault.at(), () -> apply(fault, true)));
            pending.add(scheduler.schedule(fault.end(), () -> apply(fault, false)));
        }
    }

    /** Sets ({@code on}) or clears one fault now. */
    public void apply(FaultSpec fault, boolean on) {
        SimulatedDatabase db = databases.get(fault.target());
        if (db != null) {
            if (on) {
                db.dropConnections();
            }
            db.down(on);
        } else {
            upstreams.get(fault.target()).update(state -> change(state, fault, on));
        }
        listener.accept(fault, on);
    }

    private static FaultState change(FaultState state, FaultSpec fault, boolean on) {
        return switch (fault.kind()) {
            case OUTAGE, CASCADE -> state.withOutage(on);
            case REFUSED -> state.withRefusing(on);
            case LATENCY_SPIKE -> state.withLatency(on ? fault.latency() : Duration.ZERO);
            case ERROR_BURST -> state.withErrorRate(on ? fault.errorRate() : 0);
            case MEMORY_LEAK -> state.withLeak(on ? fault.leakMbPerSecond() : 0);
            case FLAPPING -> state.withFlapping(on ? fault.flapPeriod() : Duration.ZERO);
            case CONNECTION_LOSS -> throw new IllegalArgumentException("connection_loss applies to a database");
        };
    }

    /** Cancels what has not run yet. */
    @Override
    public synchronized void close() {
        pending.forEach(Cancellable::cancel);
        pending.clear();
    }
}
