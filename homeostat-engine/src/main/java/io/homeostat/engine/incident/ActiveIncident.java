package io.homeostat.engine.incident;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the tracker knows of one active incident beyond the stored value: the state of each of its
 * fingerprints. Not thread-safe; guarded by the tracker's lock.
 */
final class ActiveIncident {

    /** The state of one fingerprint within the incident. */
    static final class Print {
        boolean firing;
        Instant lastFiredAt;
        Instant clearedAt;
        Severity severity;
        /** When the store and the listeners were last told of a transition of this fingerprint. */
        Instant toldAt;
        /** Transitions since then that were not told (within the transition interval), and the latest detection. */
        int untold;
        Detection pending;

        Print(Instant firedAt, Severity severity) {
            this.firing = true;
            this.lastFiredAt = firedAt;
            this.severity = severity;
            this.toldAt = firedAt;
        }

        /** Takes {@code detection} into the state (not the told state). */
        void observe(Detection detection, Instant now) {
            if (detection.firing()) {
                firing = true;
                lastFiredAt = now;
                severity = severity.max(detection.severity());
            } else if (firing) {
                firing = false;
                clearedAt = now;
            }
        }

        /** Whether a transition now would come within {@code interval} of the last one told. */
        boolean damped(Instant now, Duration interval) {
            return now.isBefore(toldAt.plus(interval));
        }

        /** Marks the current state as told now. */
        void told(Instant now) {
            toldAt = now;
            untold = 0;
            pending = null;
        }

        /** Since when this fingerprint has been quiet: its clearing, or its last firing if it never cleared. */
        Instant quietSince() {
            return firing ? lastFiredAt : clearedAt;
        }
    }

    Incident incident;
    /** Whether {@link #incident} has changes the store has not been given yet (detection counts of repeats, untold transitions). */
    boolean unwritten;
    Instant lastFiringAt;
    final Map<String, Print> prints = new LinkedHashMap<>();

    ActiveIncident(Incident incident, Instant lastFiringAt) {
        this.incident = incident;
        this.lastFiringAt = lastFiringAt;
    }

    /** The latest time any fingerprint was heard from: the incident is quiet from then on. */
    Instant quietSince() {
        Instant latest = null;
        for (Print print : prints.values()) {
            Instant since = print.quietSince();
            if (latest == null || since.isAfter(latest)) {
                latest = since;
            }
        }
        return latest == null ? lastFiringAt : latest;
    }
}
