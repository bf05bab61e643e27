package io.homeostat.engine.alert;

/**
 * The alert manager's counts. Immutable and thread-safe.
 *
 * @param reports alert reports received
 * @param deduplicated reports that only refreshed a firing alert
 * @param notifications notifications handed to receivers (group and escalation; one per receiver)
 * @param escalations escalation notifications among them
 * @param silencedSuppressed times a silenced alert was held back from a notification
 * @param inhibitedSuppressed times an inhibited alert was held back from a notification
 * @param flappingHeld times a flapping alert's change was held back
 * @param failures store, audit-hook and channel failures caught and counted
 * @param activeAlerts alerts not resolved now
 * @param groups alert groups now
 */
public record AlertingStats(
        long reports,
        long deduplicated,
        long notifications,
        long escalations,
        long silencedSuppressed,
        long inhibitedSuppressed,
        long flappingHeld,
        long failures,
        int activeAlerts,
        int groups) {}
