package io.homeostat.core.degrade;

import java.time.Instant;
import java.util.Objects;

/**
 * A feature turned on or off, because the level changed or an override was set or cleared.
 * Immutable, thread-safe.
 *
 * @param enabled whether it is on now (it was the opposite before)
 * @param reason why, e.g. {@code degradation FULL -> REDUCED: db slow} or {@code forced off: ...}
 */
public record FeatureChange(String feature, boolean enabled, String reason, Instant time) {

    public FeatureChange {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }
}
