package io.homeostat.server.runtime;

import io.homeostat.core.degrade.DegradationLevel;
import java.util.Objects;

/**
 * A feature flag as {@code homeostat.yaml} declares it: whether it is on, and the worst degradation
 * level it stays on through. Immutable and thread-safe.
 *
 * @param enabled false forces the feature off whatever the level (an override the file owns);
 *     true leaves it to the level (default true)
 * @param onThrough the worst level at which the feature stays on; default {@link DegradationLevel#FULL}
 *     (off from {@code reduced} on)
 */
public record FlagSetting(boolean enabled, DegradationLevel onThrough) {

    /** @throws NullPointerException if {@code onThrough} is null */
    public FlagSetting {
        Objects.requireNonNull(onThrough, "onThrough");
    }
}
