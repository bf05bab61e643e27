package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.AlertingStats;
import io.homeostat.engine.alert.notify.Notification;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's counts: plain fields are guarded by the engine's lock; the atomic ones are
 * counted after it is released, where notifications go out and failures are caught.
 */
final class Counters {

    long reports;
    long deduplicated;
    long silencedSuppressed;
    long inhibitedSuppressed;
    long flappingHeld;
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong escalations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    void notified(Notification notification) {
        notifications.incrementAndGet();
        if (notification.kind() == Notification.Kind.ESCALATION) {
            escalations.incrementAndGet();
        }
    }

    void failure() {
        failures.incrementAndGet();
    }

    AlertingStats snapshot(int activeAlerts, int groups) {
        return new AlertingStats(reports, deduplicated, notifications.get(), escalations.get(), silencedSuppressed,
                inhibitedSuppressed, flappingHeld, failures.get(), activeAlerts, groups);
    }
}
