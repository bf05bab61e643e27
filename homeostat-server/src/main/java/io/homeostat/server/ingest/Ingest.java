package io.homeostat.server.ingest;

import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Takes a batch body, checks all of it, and publishes the signals not seen before. A refused
 * batch publishes nothing. Thread-safe.
 */
public final class Ingest {

    private final SignalBatchReader reader;
    private final SignalBus bus;
    private final SeenIds seen;
    private final Clock clock;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder rejectedBatches = new LongAdder();

    public Ingest(SignalBatchReader reader, SignalBus bus, SeenIds seen, Clock clock) {
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
        } catch (IngestRejectedException e) {
            rejectedBatches.increment();
            throw e;
        }
        int published = 0;
        int duplicate = 0;
        int refused = 0;
        for (IngestedSignal signal : batch) {
            if (!seen.firstTime(signal.id())) {
                duplicate++;
            } else if (bus.publish(signal.signal())) {
                published++;
            } else {
                refused++;
            }
        }
        accepted.add(published);
        duplicates.add(duplicate);
        dropped.add(refused);
        return new IngestResult(published, duplicate, refused);
    }

    /** Totals since start: accepted, duplicates, dropped signals and refused batches. */
    public IngestTotals totals() {
        return new IngestTotals(accepted.sum(), duplicates.sum(), dropped.sum(), rejectedBatches.sum());
    }
}
