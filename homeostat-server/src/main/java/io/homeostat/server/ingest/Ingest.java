package io.homeostat.server.ingest;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Takes a batch body, checks all of it, and publishes the signals not seen before, all of them
 * or none. A refused batch publishes nothing: a bad one is refused for good (4xx), one that finds
 * the bus too full to take it whole is refused for now (503, {@link IngestRejectedException#busy()})
 * and may be sent again as it is — its ids are not remembered, and signals already taken from an
 * earlier copy are recognised as duplicates. So an overloaded server pushes back on its senders
 * (the agent keeps and resends such a batch) instead of losing signals. Thread-safe.
 */
public final class Ingest {

    private final SignalBatchReader reader;
    private final InProcessSignalBus bus;
    private final SeenIds seen;
    private final Clock clock;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder busyBatches = new LongAdder();
    private final LongAdder rejectedBatches = new LongAdder();

    public Ingest(SignalBatchReader reader, InProcessSignalBus bus, SeenIds seen, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks {@code body} and publishes its new signals.
     *
     * @throws IngestRejectedException if the batch is refused; nothing was published
     */
    public IngestResult accept(byte[] body) {
        List<IngestedSignal> batch;
        try {
            batch = reader.read(body, clock.instant());
            if (batch.size() > bus.capacity()) {
                throw new IngestRejectedException(413, "signals", "holds " + batch.size()
                        + " signals, more than the server's signal queue takes at once (" + bus.capacity()
                        + "); send smaller batches");
            }
        } catch (IngestRejectedException e) {
            rejectedBatches.increment();
            throw e;
        }
        List<String> ids = new ArrayList<>(batch.size());
        for (IngestedSignal signal : batch) {
            ids.add(signal.id());
        }
        int[] fresh = seen.recordIfTaken(ids, positions -> {
            List<Signal> signals = new ArrayList<>(positions.length);
            for (int position : positions) {
                signals.add(batch.get(position).signal());
            }
            return bus.publishAll(signals); // one claim and one wake-up of the consumer for the batch
        });
        if (fresh == null) {
            busyBatches.increment();
            throw IngestRejectedException.busy(batch.size(), bus.capacity());
        }
        accepted.add(fresh.length);
        duplicates.add(batch.size() - fresh.length);
        return new IngestResult(fresh.length, batch.size() - fresh.length);
    }

    /** Totals since start: accepted, duplicates, batches refused as busy and batches refused for good. */
    public IngestTotals totals() {
        return new IngestTotals(accepted.sum(), duplicates.sum(), busyBatches.sum(), rejectedBatches.sum());
    }
}
