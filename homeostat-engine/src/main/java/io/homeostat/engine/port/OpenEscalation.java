package io.homeostat.engine.port;

import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An escalation the alert manager follows, as it keeps it for the next start
 * ({@link ActiveAlertStore#saveEscalation}): which on-call level was paged last, whether somebody
 * took it, and when it climbs to the next level if nobody does. Immutable, thread-safe.
 *
 * @param key what it follows: an incident id, or {@code alert:<fingerprint>} for an alert without one
 * @param service the service it is about
 * @param severity the severity it was escalated with
 * @param summary what the pages said
 * @param level the on-call level paged last, from 0
 * @param acknowledged whether somebody took it since (it climbs no further)
 * @param flapping whether it follows a flapping incident (its alerts clearing does not end it)
 * @param triggers the triggers applied to it so far: one that comes once per incident (flapping,
 *     unresolved, high impact) is not applied again, also when it is asked for again after a restart
 * @param climbsAt when it climbs to the next level unless acknowledged; empty once acknowledged
 */
public record OpenEscalation(String key, String service, Severity severity, String summary, int level,
        boolean acknowledged, boolean flapping, Set<EscalationTrigger> triggers, Optional<Instant> climbsAt) {

    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code level} is negative, or {@code climbsAt} is present
     *     for an acknowledged escalation or empty for one nobody acknowledged
     */
    public OpenEscalation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(climbsAt, "climbsAt");
        Objects.requireNonNull(triggers, "triggers");
        triggers = triggers.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(triggers));
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative, was " + level);
        }
        if (acknowledged == climbsAt.isPresent()) {
            throw new IllegalArgumentException(acknowledged ? "an acknowledged escalation does not climb"
                    : "an escalation nobody acknowledged climbs at some time");
        }
    }
}
