package io.homeostat.server.ingest;

import io.homeostat.core.signal.Signal;
import java.util.Objects;

/**
 * One signal of an ingest batch with the id its sender gave it. Immutable.
 *
 * @param id the sender's id for the signal, unique per signal: a batch resent after a timeout
 *     carries the same ids, and signals whose id was seen are ignored
 * @param signal the decoded signal
 */
public record IngestedSignal(String id, Signal signal) {

    public IngestedSignal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signal, "signal");
    }
}
