package io.homeostat.engine.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one alert as the alert manager sees it. Immutable and thread-safe.
 *
 * @param labels the alert's identity
 * @param summary its latest summary
 * @param state where it stands
 * @param startsAt when it (last) started firing
 * @param lastSeen when it was last reported
 * @param count how many reports were deduplicated into it since it started
 * @param flapping true while it flips between firing and resolved too often
 * @param mutedBy the silence id or the upstream service muting it, empty if none
 * @param acknowledgedBy who acknowledged it, empty if nobody
 */
public record AlertView(
        Labels labels,
        String summary,
        AlertState state,
        Instant startsAt,
        Instant lastSeen,
        long count,
        boolean flapping,
        String mutedBy,
        String acknowledgedBy) {

    public AlertView {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(mutedBy, "mutedBy");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
    }

    /** The alert's id. */
    public String fingerprint() {
        return labels.fingerprint();
    }

    /** True if somebody acknowledged it. */
    public boolean acknowledged() {
        return !acknowledgedBy.isEmpty();
    }
}
