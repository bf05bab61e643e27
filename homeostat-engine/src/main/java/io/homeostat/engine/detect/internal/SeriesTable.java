package io.homeostat.engine.detect.internal;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Per-series state of one detector, bounded by {@link SeriesLimits}: looked up by service and
 * metric without allocating, created on a series' first sample, forgotten after it has been idle
 * (unless {@code pinned} says it must stay, e.g. while firing). When full and nothing can be
 * forgotten, a new series is refused ({@link #get} returns null) and counted.
 *
 * <p>A chained hash table of small entries (about 48 bytes per series with the table's share),
 * because a general map of maps costs about five times that when most services have few metrics.
 *
 * <p>Not thread-safe: one detector, one thread.
 */
public final class SeriesTable<S> {

    private static final int INITIAL_CAPACITY = 16;

    private final int maxSeries;
    private final long idleMillis;
    private final Function<SeriesKey, S> factory;
    private final Predicate<S> pinned;
    private Entry<S>[] table = newTable(INITIAL_CAPACITY);
    private int size;
    private long untracked;
    private long lastSweepMillis = Long.MIN_VALUE;

    public SeriesTable(SeriesLimits limits, Function<SeriesKey, S> factory, Predicate<S> pinned) {
        this.maxSeries = limits.maxSeries();
        this.idleMillis = limits.idleAfter().toMillis();
        this.factory = factory;
        this.pinned = pinned;
    }

    /**
     * The state of {@code (service, metric)}, created if new; null if the table is full and no
     * idle series could be forgotten.
     */
    public S get(String service, String metric, long nowMillis) {
        int hash = hash(service, metric);
        Entry<S> entry = find(hash, service, metric);
        if (entry == null) {
            entry = create(hash, service, metric, nowMillis);
            if (entry == null) {
                return null;
            }
        }
        entry.lastSeenMillis = nowMillis;
        return entry.state;
    }

    /** The state of {@code (service, metric)} if watched, without creating it; null otherwise. */
    public S peek(String service, String metric) {
        Entry<S> entry = find(hash(service, metric), service, metric);
        return entry == null ? null : entry.state;
    }

    /** Series watched now. */
    public int size() {
        return size;
    }

    /** New series refused because the table was full. */
    public long untracked() {
        return untracked;
    }

    /** Visits every series watched. */
    public void forEach(BiConsumer<SeriesKey, S> visitor) {
        for (Entry<S> head : table) {
            for (Entry<S> e = head; e != null; e = e.next) {
                visitor.accept(new SeriesKey(e.service, e.metric), e.state);
            }
        }
    }

    private Entry<S> find(int hash, String service, String metric) {
        for (Entry<S> e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && e.service.equals(service) && e.metric.equals(metric)) {
                return e;
            }
        }
        return null;
    }

    private Entry<S> create(int hash, String service, String metric, long nowMillis) {
        if (size >= maxSeries && !sweep(nowMillis)) {
            untracked++;
            return null;
        }
        S state = factory.apply(new SeriesKey(service, metric));
        if (size + 1 > table.length - (table.length >> 2)) {
            resize();
        }
        int index = hash & (table.length - 1);
        Entry<S> entry = new Entry<>(hash, service, metric, state, table[index]);
        table[index] = entry;
        size++;
        return entry;
    }

    private void resize() {
        Entry<S>[] old = table;
        Entry<S>[] grown = newTable(old.length * 2);
        for (Entry<S> head : old) {
            Entry<S> e = head;
            while (e != null) {
                Entry<S> next = e.next;
                int index = e.hash & (grown.length - 1);
                e.next = grown[index];
                grown[index] = e;
                e = next;
            }
        }
        table = grown;
    }

    /** Forgets idle, unpinned series; at most once per tenth of the idle time. True if room was made. */
    private boolean sweep(long nowMillis) {
        if (lastSweepMillis != Long.MIN_VALUE && nowMillis - lastSweepMillis < Math.max(1, idleMillis / 10)) {
            return false;
        }
        lastSweepMillis = nowMillis;
        for (int i = 0; i < table.length; i++) {
            Entry<S> kept = null;
            Entry<S> e = table[i];
            while (e != null) {
                Entry<S> next = e.next;
                if (nowMillis - e.lastSeenMillis >= idleMillis && !pinned.test(e.state)) {
                    size--;
                } else {
                    e.next = kept;
                    kept = e;
                }
                e = next;
            }
            table[i] = kept;
        }
        return size < maxSeries;
    }

    private static int hash(String service, String metric) {
        int h = service.hashCode() * 31 + metric.hashCode();
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <S> Entry<S>[] newTable(int capacity) {
        return (Entry<S>[]) new Entry<?>[capacity];
    }

    private static final class Entry<S> {
        final int hash;
        final String service;
        final String metric;
        final S state;
        long lastSeenMillis;
        Entry<S> next;

        Entry(int hash, String service, String metric, S state, Entry<S> next) {
            this.hash = hash;
            this.service = service;
            this.metric = metric;
            this.state = state;
            this.next = next;
        }
    }
}
