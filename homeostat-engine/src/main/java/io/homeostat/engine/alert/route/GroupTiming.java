package io.homeostat.engine.alert.route;

import io.homeostat.core.time.Durations;
import java.time.Duration;

/**
 * The timers of an alert group. Immutable and thread-safe.
 *
 * @param groupWait how long a new group waits before its first notification, so alerts that
 *     arrive together (and the critical alert upstream that inhibits them) go out as one;
 *     zero or positive; default 30 s
 * @param groupInterval how long after a notification the group waits before notifying about
 *     alerts that joined or resolved since; positive; default 5 min
 * @param repeatInterval how long after a notification the group repeats it when nothing changed
 *     and unacknowledged alerts still fire; at least {@code groupInterval}; default 4 h
 */
public record GroupTiming(Duration groupWait, Duration groupInterval, Duration repeatInterval) {

    /**
     * @throws IllegalArgumentException if {@code groupWait} is negative, {@code groupInterval}
     *     is not positive, or {@code repeatInterval} is shorter than {@code groupInterval}
     */
    public GroupTiming {
        Durations.requireNonNegative(groupWait, "groupWait");
        Durations.requirePositive(groupInterval, "groupInterval");
        Durations.requirePositive(repeatInterval, "repeatInterval");
        if (repeatInterval.compareTo(groupInterval) < 0) {
            throw new IllegalArgumentException(
                    "repeatInterval " + repeatInterval + " must not be shorter than groupInterval " + groupInterval);
        }
    }

    /** 30 s, 5 min, 4 h. */
    public static GroupTiming defaults() {
        return new GroupTiming(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
    }
}
