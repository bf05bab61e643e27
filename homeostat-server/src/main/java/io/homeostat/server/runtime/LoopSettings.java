package io.homeostat.server.runtime;

import io.homeostat.engine.plan.DegradationPolicy;
import java.util.Objects;

/**
 * What {@code homeostat.yaml} tells the loop about looking after itself: how the health score sets
 * the degradation level automatically, and how long the store keeps metric samples. Immutable;
 * start from {@link #defaults()}.
 *
 * @param degradation the automatic degradation policy; default {@link DegradationPolicy#ofDefaults()}
 * @param retention how long samples and rollups are kept and how often they are rolled up and
 *     pruned; default {@link Retention#defaults()}
 */
public record LoopSettings(DegradationPolicy degradation, Retention retention) {

    /**
     * @throws NullPointerException if a part is null
     */
    public LoopSettings {
        Objects.requireNonNull(degradation, "degradation");
        Objects.requireNonNull(retention, "retention");
    }

    /** The default degradation policy and retention. */
    public static LoopSettings defaults() {
        return new LoopSettings(DegradationPolicy.ofDefaults(), Retention.defaults());
    }
}
