package io.homeostat.engine.diagnose.topology;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.engine.graph.DependencyGraph;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The dependency graph as declared in configuration, extended by what the signals show: a signal
 * about {@code db:primary} tagged {@value #CALLER_TAG}{@code =pharmaguard} says that pharmaguard
 * calls db:primary, so the edge {@code pharmaguard -> db:primary} is learned. Any signal kind may
 * carry the tag; a guard built with {@code GuardBuilder.caller(service)} (or from a
 * {@code GuardRegistry} with a caller) sets it on every signal it publishes, and whoever else
 * publishes signals for a dependency sets it to the name of the calling service. Learned
 * edges are at most {@link #maxLearnedEdges()}; past it new ones are counted in
 * {@link #edgesDropped()}, not added. A signal whose caller is its own service teaches nothing.
 *
 * <p>A {@link Supplier} of the current graph, for the incident tracker's correlation and the
 * diagnoser. Thread-safe: the graph is immutable and swapped by compare-and-set.
 */
public final class DependencyLearner implements Supplier<DependencyGraph> {

    /** The tag naming the service that made the call a signal is about: {@value}. */
    public static final String CALLER_TAG = Signal.CALLER_TAG;

    /** The default bound on learned edges: {@value}. */
    public static final int DEFAULT_MAX_LEARNED_EDGES = 10_000;

    private final AtomicReference<DependencyGraph> graph;
    private final AtomicLong learned = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final int maxLearnedEdges;
    /** Services seen in signals, with or without a caller: the "all services" of the impact share. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private DependencyLearner(DependencyGraph declared, int maxLearnedEdges) {
        this.graph = new AtomicReference<>(declared);
        this.maxLearnedEdges = maxLearnedEdges;
    }

    /**
     * A learner starting from {@code declared}, learning at most {@value #DEFAULT_MAX_LEARNED_EDGES} edges.
     */
    public static DependencyLearner from(DependencyGraph declared) {
        return from(declared, DEFAULT_MAX_LEARNED_EDGES);
    }

    /**
     * A learner starting from {@code declared}, learning at most {@code maxLearnedEdges} edges.
     *
     * @throws IllegalArgumentException if {@code maxLearnedEdges} is negative
     */
    public static DependencyLearner from(DependencyGraph declared, int maxLearnedEdges) {
        Objects.requireNonNull(declared, "declared");
        if (maxLearnedEdges < 0) {
            throw new IllegalArgumentException("maxLearnedEdges must not be negative, was " + maxLearnedEdges);
        }
        return new DependencyLearner(declared, maxLearnedEdges);
    }

    /**
     * Learns the edge {@code caller -> service} from a signal tagged {@value #CALLER_TAG}, and
     * counts the signal's service as known (see {@link #serviceCount()}).
     */
    public void observe(Signal signal) {
        see(signal.service());
        String caller = signal.tags().get(CALLER_TAG);
        if (caller == null || caller.isBlank() || caller.equals(signal.service())) {
            return;
        }
        see(caller.strip());
        observe(caller.strip(), signal.service());
    }

    private void see(String service) {
        // Nearly every signal's service is known already: a read costs less than inserting it again.
        if (!seen.contains(service) && seen.size() < maxLearnedEdges) {
            seen.add(service);
        }
    }

    /**
     * How many services are known: those in the graph, declared or learned, and those seen in any
     * signal even without a caller (a service that calls nothing and is called by no guard is still
     * one of the system's). Services seen are bounded like learned edges.
     */
    public int serviceCount() {
        Set<String> all = new HashSet<>(graph.get().services());
        all.addAll(seen);
        return all.size();
    }

    /** Learns that {@code caller} calls {@code service}. */
    public void observe(String caller, String service) {
        while (true) {
            DependencyGraph current = graph.get();
            if (current.dependenciesOf(caller).contains(service)) {
                return;
            }
            if (learned.get() >= maxLearnedEdges) {
                dropped.incrementAndGet();
                return;
            }
            if (graph.compareAndSet(current, current.with(caller, service))) {
                learned.incrementAndGet();
                return;
            }
        }
    }

    /** Subscribes to {@code bus}; closing the handle unsubscribes. */
    public AutoCloseable attach(SignalBus bus) {
        return bus.subscribe(batch -> batch.forEach(this::observe));
    }

    /** The graph now: declared edges plus learned ones. */
    @Override
    public DependencyGraph get() {
        return graph.get();
    }

    /** How many edges were learned (not declared). */
    public long edgesLearned() {
        return learned.get();
    }

    /** How many new edges were seen after the bound was reached, and not added. */
    public long edgesDropped() {
        return dropped.get();
    }

    /** The bound on learned edges. */
    public int maxLearnedEdges() {
        return maxLearnedEdges;
    }
}
