package io.homeostat.engine.detect.internal;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Per-series state of one detector, bounded by {@link SeriesLimits}: looked up by service and
 * metric without allocating, created on a series' first sample, forgotten after it has been idle
 * (unless {@code pinned} says it must stay, e.g. while firing). When full and nothing can be
 * forgotten, a new series is refused ({@link #get} returns null) and counted.
 *
 * <p>Not thread-safe: one detector, one thread.
 */
public final class SeriesTable<S> {

    private final Map<String, Map<String, Slot<S>>> byService = new HashMap<>();
    private final int maxSeries;
    private final long idleMillis;
    private final Function<SeriesKey, S> factory;
    private final Predicate<S> pinned;
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
        Map<String, Slot<S>> metrics = byService.get(service);
        Slot<S> slot = metrics == null ? null : metrics.get(metric);
        if (slot == null) {
            slot = create(service, metric, nowMillis);
            if (slot == null) {
                return null;
            }
        }
        slot.lastSeenMillis = nowMillis;
        return slot.state;
    }

    /** The state of {@code (service, metric)} if watched, without creating it; null otherwise. */
    public S peek(String service, String metric) {
        Map<String, Slot<S>> metrics = byService.get(service);
        Slot<S> slot = metrics == null ? null : metrics.get(metric);
        return slot == null ? null : slot.state;
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
        for (Map<String, Slot<S>> metrics : byService.values()) {
            for (Slot<S> slot : metrics.values()) {
                visitor.accept(slot.key, slot.state);
            }
        }
    }

    private Slot<S> create(String service, String metric, long nowMillis) {
        if (size >= maxSeries && !sweep(nowMillis)) {
            untracked++;
            return null;
        }
        SeriesKey key = new SeriesKey(service, metric);
        Slot<S> slot = new Slot<>(key, factory.apply(key));
        byService.computeIfAbsent(service, s -> new HashMap<>()).put(metric, slot);
        size++;
        return slot;
    }

    /** Forgets idle, unpinned series; at most once per tenth of the idle time. True if room was made. */
    private boolean sweep(long nowMillis) {
        if (lastSweepMillis != Long.MIN_VALUE && nowMillis - lastSweepMillis < Math.max(1, idleMillis / 10)) {
            return false;
        }
        lastSweepMillis = nowMillis;
        for (Iterator<Map<String, Slot<S>>> services = byService.values().iterator(); services.hasNext();) {
            Map<String, Slot<S>> metrics = services.next();
            for (Iterator<Slot<S>> slots = metrics.values().iterator(); slots.hasNext();) {
                Slot<S> slot = slots.next();
                if (nowMillis - slot.lastSeenMillis >= idleMillis && !pinned.test(slot.state)) {
                    slots.remove();
                    size--;
                }
            }
            if (metrics.isEmpty()) {
                services.remove();
            }
        }
        return size < maxSeries;
    }

    private static final class Slot<S> {
        final SeriesKey key;
        final S state;
        long lastSeenMillis;

        Slot(SeriesKey key, S state) {
            this.key = key;
            this.state = state;
        }
    }
}
