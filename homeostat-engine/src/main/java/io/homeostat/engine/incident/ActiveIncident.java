package io.homeostat.engine.incident;

import io.homeostat.engine.detect.Severity;
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

        Print(Instant firedAt, Severity severity) {
            this.firing = true;
            this.lastFiredAt = firedAt;
            this.severity = severity;
        }

        /** Since when this fingerprint has been quiet: its clearing, or its last firing if it never cleared. */
        Instant quietSince() {
            return firing ? lastFiredAt : clearedAt;
        }
    }

    Incident incident;
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
