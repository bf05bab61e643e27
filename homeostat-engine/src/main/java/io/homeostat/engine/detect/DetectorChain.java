package io.homeostat.engine.detect;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.engine.detect.baseline.BaselineTracker;
import io.homeostat.engine.detect.internal.SeriesTable;
import io.homeostat.engine.detect.series.SampleSink;
import io.homeostat.engine.detect.series.SignalSeries;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs the monitor stage on each signal: every series value in it (see {@link SignalSeries}) goes
 * to the {@link BaselineTracker}, if any, then to each {@link SeriesDetector} in order (threshold,
 * anomaly, trend in {@link DetectorChainBuilder#standard the standard chain}); then the whole
 * signal goes to the other {@link Detector}s. A detector that throws is counted in
 * {@link #failures()} and does not stop the others. A quiet sample allocates nothing in the chain
 * itself.
 *
 * <p>The baselines and the engine's own series detectors keep their per-series state in one table
 * owned by the chain: a value costs one lookup of its series, which finds every stage's state
 * together; each stage keeps its own {@link SeriesLimits} there. A detector or tracker belongs to
 * at most one chain, and joins it before it has seen a sample.
 *
 * <p>{@link #update} changes the chain's detectors while it runs (e.g. replaces the rules of its
 * threshold and trend detectors on a configuration reload): the change runs on the feeding thread
 * between two signals, so each signal sees the detectors wholly before or wholly after it, and
 * the per-series state the change keeps (baselines, the state of unchanged rules) goes on.
 *
 * <p>Not thread-safe: feed it from one thread (one bus subscription, see {@link #attach});
 * {@link #update} may be called from any.
 */
public final class DetectorChain implements Detector {

    /** The chain's name: {@value}. */
    public static final String NAME = "chain";

    private final SeriesTable table = new SeriesTable();
    private final SeriesTable.Stage<?> baselines;
    private final SeriesDetector[] seriesDetectors;
    /** The stage of each series detector in {@link #table}, or null for one that keeps its own state. */
    private final SeriesTable.Stage<?>[] stages;
    private final Detector[] eventDetectors;
    private final AtomicLong failures = new AtomicLong();
    private final SampleSink fanOut = this::fanOut;
    private final ConcurrentLinkedQueue<Update> updates = new ConcurrentLinkedQueue<>();
    private Consumer<Detection> current;

    /** A change waiting for the feeding thread, and who waits for it. */
    private record Update(Runnable change, CompletableFuture<Void> done) {}

    DetectorChain(BaselineTracker baselines, List<SeriesDetector> seriesDetectors, List<Detector> eventDetectors) {
        this.baselines = baselines == null ? null : join(baselines.seriesStage());
        this.seriesDetectors = seriesDetectors.toArray(new SeriesDetector[0]);
        this.stages = new SeriesTable.Stage<?>[this.seriesDetectors.length];
        for (int i = 0; i < stages.length; i++) {
            if (this.seriesDetectors[i] instanceof SeriesTable.Member member) {
                stages[i] = join(member.seriesStage());
            }
        }
        this.eventDetectors = eventDetectors.toArray(new Detector[0]);
    }

    /** A builder of an empty chain; see {@link DetectorChainBuilder#standard}. */
    public static DetectorChainBuilder builder() {
        return new DetectorChainBuilder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Runs every stage on {@code signal}.
     *
     * @throws NullPointerException if an argument is null
     */
    @Override
    public void observe(Signal signal, Consumer<Detection> sink) {
        Objects.requireNonNull(signal, "signal");
        current = Objects.requireNonNull(sink, "sink");
        applyUpdates();
        try {
            SignalSeries.forEach(signal, fanOut);
            for (Detector detector : eventDetectors) {
                try {
                    detector.observe(signal, sink);
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }
        } finally {
            current = null;
        }
    }

    /**
     * Runs every series stage on one value of {@code (service, metric)}, without a signal: the
     * path {@link #observe} takes for each value, open to hosts that read series themselves.
     */
    public void sample(String service, String metric, long timeMillis, double value, Consumer<Detection> sink) {
        if (!updates.isEmpty()) {
            applyUpdates();
        }
        SeriesTable.Slot slot = table.slot(service, metric, timeMillis);
        if (baselines != null) {
            try {
                baselines.sample(slot, timeMillis, value, sink);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
        for (int i = 0; i < seriesDetectors.length; i++) {
            SeriesTable.Stage<?> stage = stages[i];
            try {
                if (stage == null) {
                    seriesDetectors[i].sample(service, metric, timeMillis, value, sink);
                } else {
                    stage.sample(slot, timeMillis, value, sink);
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
        table.settle(slot);
    }

    /**
     * Runs {@code change} on the thread that feeds the chain, before it looks at the next signal or
     * value (or at once, on the calling thread, by {@link #applyUpdates()}); changes run in the order
     * given. A change that throws is counted in {@link #failures()} and fails the returned future;
     * the chain goes on with what the change left.
     *
     * @return completes once the change has run
     * @throws NullPointerException if {@code change} is null
     */
    public CompletableFuture<Void> update(Runnable change) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        updates.add(new Update(Objects.requireNonNull(change, "change"), done));
        return done;
    }

    /**
     * Runs the changes {@link #update} queued; the chain does so itself before each signal. Call it
     * only from the thread that feeds the chain (or while nothing feeds it).
     */
    public void applyUpdates() {
        for (Update update = updates.poll(); update != null; update = updates.poll()) {
            try {
                update.change().run();
                update.done().complete(null);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                update.done().completeExceptionally(e);
            }
        }
    }

    /** Series with state in the chain's shared table (watched by at least one of its stages). */
    public int series() {
        return table.size();
    }

    /**
     * Subscribes to {@code bus} and runs every signal through the chain on the bus's delivery
     * thread, handing detections to {@code sink}. Attach a chain to one bus at most once.
     *
     * @return the subscription; closing it detaches the chain
     */
    public AutoCloseable attach(SignalBus bus, Consumer<Detection> sink) {
        Objects.requireNonNull(sink, "sink");
        return bus.subscribe(batch -> {
            for (Signal signal : batch) {
                observe(signal, sink);
            }
        });
    }

    /** Exceptions thrown by detectors (and the baseline tracker) so far, each counted and skipped. */
    public long failures() {
        return failures.get();
    }

    /** The series detectors, in the order they run. */
    public List<SeriesDetector> seriesDetectors() {
        return List.of(seriesDetectors);
    }

    private SeriesTable.Stage<?> join(SeriesTable.Stage<?> stage) {
        stage.join(table);
        return stage;
    }

    private void fanOut(String service, String metric, long timeMillis, double value) {
        sample(service, metric, timeMillis, value, current);
    }
}
