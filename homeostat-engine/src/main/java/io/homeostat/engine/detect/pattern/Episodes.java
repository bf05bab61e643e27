package io.homeostat.engine.detect.pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The episode starts of one failure signature on one service (or the joint starts of one pair of
 * services), newest last. Bounded: the latest {@value #MAX_EPISODES} starts are kept. Not
 * thread-safe; owned by the detector's feeding thread.
 */
final class Episodes {

    /** Starts kept per signature or pair. */
    static final int MAX_EPISODES = 128;

    private final ArrayDeque<Instant> starts = new ArrayDeque<>();
    private Instant firstSeen;
    private Instant lastEventAt;
    private long total;

    /**
     * Takes one failure at {@code time}: true if it starts a new episode, false if it falls within
     * {@code gap} of the last failure (or before it: late signals join the current episode).
     */
    boolean record(Instant time, Duration gap) {
        if (lastEventAt != null && !time.isAfter(lastEventAt.plus(gap))) {
            if (time.isAfter(lastEventAt)) {
                lastEventAt = time;
            }
            return false;
        }
        lastEventAt = time;
        if (firstSeen == null) {
            firstSeen = time;
        }
        total++;
        starts.addLast(time);
        if (starts.size() > MAX_EPISODES) {
            starts.removeFirst();
        }
        return true;
    }

    /** Episodes that started at or after {@code from}, among those kept. */
    int since(Instant from) {
        int count = 0;
        for (var it = starts.descendingIterator(); it.hasNext(); ) {
            if (it.next().isBefore(from)) {
                break;
            }
            count++;
        }
        return count;
    }

    Iterable<Instant> starts() {
        return starts;
    }

    Instant firstSeen() {
        return firstSeen;
    }

    long total() {
        return total;
    }
}
