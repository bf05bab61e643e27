package io.homeostat.engine.execute.action;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.execute.EscalationNotice;
import io.homeostat.engine.execute.EscalationSink;
import io.homeostat.engine.plan.RiskLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code alert}: tells people through the {@link EscalationSink}, with {@code message} (default: a
 * line naming the incident) and {@code severity} (default high). Low risk. Thread-safe.
 */
public final class AlertAction implements Action {

    private final EscalationSink sink;

    public AlertAction(EscalationSink sink) {
        this.sink = sink;
    }

    @Override
    public String name() {
        return "alert";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("message", "severity"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        return RiskLevel.LOW;
    }

    /** {@code severity}, if given, must name a severity. */
    @Override
    public Optional<String> invalidParams(Map<String, String> params) {
        String severity = params.get("severity");
        if (severity == null || Arrays.stream(Severity.values()).anyMatch(s -> s.name().equalsIgnoreCase(severity))) {
            return Optional.empty();
        }
        return Optional.of("severity: unknown severity '" + severity + "'; one of "
                + Arrays.stream(Severity.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public ActionResult run(ActionRequest request) {
        Severity severity;
        try {
            severity = Severity.valueOf(request.param("severity").orElse("high").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ActionFailedException("unknown severity " + request.param("severity").orElse(""), e);
        }
        String message = request.param("message").orElse("recovery of incident " + request.incidentId());
        try {
            sink.escalate(new EscalationNotice(EscalationNotice.Kind.ALERT, request.incidentId(), request.service(),
                    severity, message));
        } catch (RuntimeException e) {
            throw new ActionFailedException("alert not delivered: " + e.getMessage(), e);
        }
        return ActionResult.of("alerted (" + severity + "): " + message);
    }
}
