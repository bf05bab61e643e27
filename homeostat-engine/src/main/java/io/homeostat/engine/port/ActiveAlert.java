package io.homeostat.engine.port;

import io.homeostat.engine.alert.Labels;
import java.time.Instant;
import java.util.Objects;

/**
 * An alert that has not resolved, as the alert manager keeps it for the next start
 * ({@link ActiveAlertStore}): enough to show it again and to know whether somebody took it.
 * Immutable, thread-safe.
 *
 * @param labels its identity
 * @param summary its summary when it was last stored
 * @param startsAt when it (last) started firing
 * @param acknowledgedBy who acknowledged it since, empty if nobody
 */
public record ActiveAlert(Labels labels, String summary, Instant startsAt, String acknowledgedBy) {

    /** @throws NullPointerException if an argument is null */
    public ActiveAlert {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
    }

    /** Its id, {@link Labels#fingerprint()}. */
    public String fingerprint() {
        return labels.fingerprint();
    }

    /** True if somebody acknowledged it. */
    public boolean acknowledged() {
        return !acknowledgedBy.isEmpty();
    }
}
