package io.homeostat.server.runtime;

import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.UpstreamCause;
import java.util.Optional;

/**
 * The alerting seen only as the loop's {@link Escalation} port. The engine's loop feeds every
 * detection of the bus to an escalation that is an {@link Alerting}; the server instead feeds
 * alerting from the incident tracker ({@link io.homeostat.engine.alert.IncidentAlerts}), so an
 * incident opened any way (bus, API, an application in the JVM) alerts exactly once and its
 * alerts resolve with it. The loop also calls {@link #resolved} when an incident resolves; the
 * alerts are resolved by whichever comes first, the other finds nothing left to resolve.
 * Thread-safe (alerting is).
 */
record EscalationOnly(Alerting alerting) implements Escalation {

    @Override
    public EscalationDecision escalate(EscalationRequest request) {
        return alerting.escalate(request);
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
