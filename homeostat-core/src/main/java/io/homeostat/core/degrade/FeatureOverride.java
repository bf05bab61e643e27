package io.homeostat.core.degrade;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's (or the healer's) decision that a feature is on or off whatever the level.
 * Immutable, thread-safe.
 *
 * @param enabled whether the feature is forced on or off
 * @param reason why; never null
 * @param time when it was set
 */
public record FeatureOverride(boolean enabled, String reason, Instant time) {

    public FeatureOverride {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
    }
}
