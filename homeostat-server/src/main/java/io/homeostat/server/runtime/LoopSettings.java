package io.homeostat.server.runtime;

import io.homeostat.engine.plan.DegradationPolicy;
import java.util.Objects;

/**
 * What {@code homeostat.yaml} tells the loop about looking after itself: how the health score sets
 * the degradation level automatically. Immutable; start from {@link #defaults()}.
 *
 * @param degradation the automatic degradation policy; default {@link DegradationPolicy#ofDefaults()}
 */
public record LoopSettings(DegradationPolicy degradation) {

    /**
     * @throws NullPointerException if a part is null
     */
    public LoopSettings {
        Objects.requireNonNull(degradation, "degradation");
    }

    /** The default degradation policy. */
    public static LoopSettings defaults() {
        return new LoopSettings(DegradationPolicy.ofDefaults());
    }
}
