package io.homeostat.demo.chaos;

import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.UpstreamCause;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An escalation port that keeps every request, for the scenarios to count. Thread-safe. */
final class RecordingEscalation implements Escalation {

    final List<EscalationRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> resolved = new CopyOnWriteArrayList<>();

    @Override
    public EscalationDecision escalate(EscalationRequest request) {
        requests.add(request);
        return new EscalationDecision(true, 0, "chaos", "recorded by the chaos suite");
    }

    @Override
    public void resolved(String incidentId, String who) {
        resolved.add(incidentId);
    }

    @Override
    public Optional<UpstreamCause> upstreamCause(String service) {
        return Optional.empty();
    }
}
