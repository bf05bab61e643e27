package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.port.ActiveAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/** One alert's mutable state inside the engine. Guarded by the engine's lock. */
final class TrackedAlert {

    final Labels labels;
    String summary;
    Instant startsAt;
    Instant lastSeen;
    Instant resolvedAt;
    long count;
    boolean firing;
    /** Resolved by a person or by recovery, not by a cleared detection: flap hold does not apply. */
    boolean resolvedExplicitly;
    String acknowledgedBy = "";
    /** The state last written to history, so a state is recorded once per change. */
    AlertState recordedState = AlertState.FIRING;
    String mutedBy = "";
    boolean recordedFlapping;
    final ArrayDeque<Instant> transitions = new ArrayDeque<>();
    final Set<String> groups = new LinkedHashSet<>();

    TrackedAlert(Alert alert) {
        this.labels = alert.labels();
        this.summary = alert.summary();
        this.startsAt = alert.time();
        this.lastSeen = alert.time();
        this.count = 1;
        this.firing = true;
    }

    /** An alert kept from before a restart: firing since {@code startsAt}, acknowledged by {@code acknowledgedBy} if not empty. */
    TrackedAlert(ActiveAlert kept) {
        this.labels = kept.labels();
        this.summary = kept.summary();
        this.startsAt = kept.startsAt();
        this.lastSeen = kept.startsAt();
        this.count = 1;
        this.firing = true;
        this.acknowledgedBy = kept.acknowledgedBy();
    }

    /** What is kept of it for the next start. */
    ActiveAlert kept() {
        return new ActiveAlert(labels, summary, startsAt, acknowledgedBy);
    }

    String fingerprint() {
        return labels.fingerprint();
    }

    /** Counts a change between firing and resolved at {@code now}. */
    void transition(Instant now) {
        transitions.addLast(now);
    }

    /** True if at least {@code threshold} transitions fall within {@code window} before {@code now}. */
    boolean flapping(Instant now, int threshold, Duration window) {
        Instant horizon = now.minus(window);
        while (!transitions.isEmpty() && transitions.peekFirst().isBefore(horizon)) {
            transitions.removeFirst();
        }
        return transitions.size() >= threshold;
    }

    AlertView view(AlertState state, boolean flapping) {
        return new AlertView(labels, summary, state, startsAt, lastSeen, count, flapping, mutedBy, acknowledgedBy);
    }
}
