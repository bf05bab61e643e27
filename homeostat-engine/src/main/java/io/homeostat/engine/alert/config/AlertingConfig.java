package io.homeostat.engine.alert.config;

import io.homeostat.engine.alert.AlertingBuilder;
import io.homeostat.engine.alert.FlapPolicy;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import java.util.List;
import java.util.Objects;

/**
 * Alerting configuration read from YAML ({@link AlertingConfigReader}). Immutable and
 * thread-safe.
 *
 * @param receivers the receivers with their channels
 * @param route the routing tree
 * @param flapPolicy when an alert flaps
 * @param escalationPolicy the escalation rules ({@link EscalationPolicy#defaults()} when the
 *     file has none)
 * @param rotation the on-call rotation: empty list when the file has none, else one element
 */
public record AlertingConfig(
        List<Receiver> receivers,
        Route route,
        FlapPolicy flapPolicy,
        EscalationPolicy escalationPolicy,
        List<OnCallRotation> rotation) {

    public AlertingConfig {
        receivers = List.copyOf(receivers);
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(flapPolicy, "flapPolicy");
        Objects.requireNonNull(escalationPolicy, "escalationPolicy");
        rotation = List.copyOf(rotation);
        if (rotation.size() > 1) {
            throw new IllegalArgumentException("at most one on-call rotation");
        }
    }

    /** Puts this configuration into {@code builder}; returns it. */
    public AlertingBuilder applyTo(AlertingBuilder builder) {
        receivers.forEach(builder::receiver);
        builder.route(route).flapPolicy(flapPolicy);
        rotation.forEach(r -> builder.escalation(escalationPolicy, r));
        return builder;
    }
}
