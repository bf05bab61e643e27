package io.homeostat.server.runtime;

import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.UpstreamCause;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The alerting seen only as the loop's {@link Escalation} port. The engine's loop feeds every
 * detection of the bus to an escalation that is an {@link Alerting}; the server instead feeds
 * alerting from the incident tracker ({@link io.homeostat.engine.alert.IncidentAlerts}), so an
 * incident opened any way (bus, API, an application in the JVM) alerts exactly once and its
 * alerts resolve with it. The loop also calls {@link #resolved} when an incident resolves; the
 * alerts are resolved by whichever comes first, the other finds nothing left to resolve.
 *
 * <p>An escalation alerting declines (the server configures no on-call rotation yet, so it declines
 * every one) is not dropped: it is written as one line to {@code declined} (the server's: the logger
 * {@code io.homeostat.escalation} at WARN) with why nobody was paged, and the decision says so, so the
 * loop's {@code escalation.<trigger>} audit record says it too. Thread-safe (alerting is, and the
 * sink must be).
 */
record EscalationOnly(Alerting alerting, Consumer<String> declined) implements Escalation {

    EscalationOnly {
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(declined, "declined");
    }

    @Override
    public EscalationDecision escalate(EscalationRequest request) {
        EscalationDecision decision = alerting.escalate(request);
        if (decision.escalated()) {
            return decision;
        }
        String why = "nobody paged: " + decision.reason();
        declined.accept(String.format(Locale.ROOT, "ESCALATION %s incident=%s service=%s severity=%s: %s -> %s",
                request.trigger(), request.incidentId(), request.service(), request.severity(), request.summary(), why));
        return EscalationDecision.declined(why + " (logged at WARN by io.homeostat.escalation)");
    }

    @Override
    public void resolved(String incidentId, String who) {
        alerting.resolved(incidentId, who);
    }

    @Override
    public Optional<UpstreamCause> upstreamCause(String service) {
        return alerting.upstreamCause(service);
    }
}
