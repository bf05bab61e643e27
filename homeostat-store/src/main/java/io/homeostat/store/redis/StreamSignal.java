package io.homeostat.store.redis;

import io.homeostat.core.signal.Signal;
import java.util.Objects;

/**
 * A signal as read from the Redis stream, with its entry id. Delivery is at least once: an entry
 * re-claimed from a dead consumer may reach subscribers twice, and its id is what to deduplicate
 * by. Immutable.
 *
 * @param id the stream entry id, e.g. {@code 1767225600000-0}
 */
public record StreamSignal(String id, Signal signal) {

    public StreamSignal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signal, "signal");
    }
}
