package io.homeostat.engine.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * When each fingerprint's incidents resolved, within the flap window. Bounded: at most
 * {@code threshold + 1} times per fingerprint, and fingerprints with nothing left in the window
 * are forgotten by {@link #prune}. Not thread-safe; guarded by the tracker's lock.
 */
final class FlapHistory {

    private final int threshold;
    private final Duration window;
    private final Map<String, ArrayDeque<Instant>> resolutions = new HashMap<>();

    FlapHistory(int threshold, Duration window) {
        this.threshold = threshold;
        this.window = window;
    }

    void record(String fingerprint, Instant at) {
        ArrayDeque<Instant> times = resolutions.computeIfAbsent(fingerprint, f -> new ArrayDeque<>());
        times.addLast(at);
        while (times.size() > threshold + 1) {
            times.removeFirst();
        }
    }

    /** Resolutions of {@code fingerprint} within the window ending at {@code now}. */
    int count(String fingerprint, Instant now) {
        ArrayDeque<Instant> times = resolutions.get(fingerprint);
        if (times == null) {
            return 0;
        }
        Instant from = now.minus(window);
        int count = 0;
        for (Instant time : times) {
            if (time.isAfter(from)) {
                count++;
            }
        }
        return count;
    }

    /** True if {@code fingerprint} resolved {@code threshold} times or more in the window already. */
    boolean wouldFlap(String fingerprint, Instant now) {
        return count(fingerprint, now) >= threshold;
    }

    void prune(Instant now) {
        Instant from = now.minus(window);
        Iterator<ArrayDeque<Instant>> it = resolutions.values().iterator();
        while (it.hasNext()) {
            ArrayDeque<Instant> times = it.next();
            while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }

    int size() {
        return resolutions.size();
    }
}
