package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AlertStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** An {@link AlertStore} in a list, for the engine's tests. Thread-safe. */
public final class InMemoryAlertStore implements AlertStore {

    private record Entry(long sequence, AlertEvent event) {}

    private final List<Entry> entries = new ArrayList<>();
    private long sequence;

    @Override
    public synchronized void append(AlertEvent event) {
        entries.add(new Entry(sequence++, Objects.requireNonNull(event, "event")));
    }

    @Override
    public synchronized List<AlertEvent> history(String alertId) {
        return oldestFirst(entries.stream().filter(e -> e.event().alertId().equals(alertId)).toList());
    }

    @Override
    public synchronized List<AlertEvent> incident(String incidentId) {
        return oldestFirst(entries.stream().filter(e -> e.event().incidentId().equals(incidentId)).toList());
    }

    @Override
    public synchronized List<AlertEvent> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return entries.stream().sorted(ORDER.reversed()).limit(limit).map(Entry::event).toList();
    }

    private static final Comparator<Entry> ORDER =
            Comparator.comparing((Entry e) -> e.event().time()).thenComparingLong(Entry::sequence);

    private static List<AlertEvent> oldestFirst(List<Entry> matching) {
        return matching.stream().sorted(ORDER).map(Entry::event).toList();
    }
}
