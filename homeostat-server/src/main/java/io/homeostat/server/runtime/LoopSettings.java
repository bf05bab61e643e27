package io.homeostat.server.runtime;

import io.homeostat.engine.plan.DegradationPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code homeostat.yaml} tells the loop about looking after itself: how the health score sets
 * the degradation level automatically, how long the store keeps metric samples, and who hears
 * about alerts. Immutable;
 * start from {@link #defaults()}.
 *
 * @param degradation the automatic degradation policy; default {@link DegradationPolicy#ofDefaults()}
 * @param retention how long samples and rollups are kept and how often they are rolled up and
 *     pruned; default {@link Retention#defaults()}
 * @param alerting the receivers, routes and on-call rotation alerts go to; default empty: every
 *     alert to the log, nobody paged
 */
public record LoopSettings(DegradationPolicy degradation, Retention retention, Optional<AlertingSection> alerting) {

    /**
     * @throws NullPointerException if a part is null
     */
    public LoopSettings {
        Objects.requireNonNull(degradation, "degradation");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(alerting, "alerting");
    }

    /** The automatic degradation policy and retention, alerts to the log. */
    public LoopSettings(DegradationPolicy degradation, Retention retention) {
        this(degradation, retention, Optional.empty());
    }

    /** The default degradation policy and retention. */
    public static LoopSettings defaults() {
        return new LoopSettings(DegradationPolicy.ofDefaults(), Retention.defaults());
    }
}
