package io.homeostat.server.api;

import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.server.auth.Principal;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;

/**
 * Alerts: list for viewers; acknowledge and resolve for operators, audited. As with an incident,
 * a call that would change nothing is refused with 409 and not audited: the first acknowledgement
 * stands (a second one, by anybody, names who took it), and a resolved alert can be neither
 * acknowledged nor resolved again.
 */
final class AlertRoutes {

    private final Alerting alerting;
    private final Auditor auditor;

    AlertRoutes(Alerting alerting, Auditor auditor) {
        this.alerting = alerting;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/alerts", Access.VIEWER, "Every alert that has not resolved", List.of(),
                        ctx -> ctx.json(Map.of("alerts", alerting.alerts().stream().map(AlertJson::of).toList()))),
                ApiRoute.post("/api/v1/alerts/{fingerprint}/ack", Access.OPERATOR,
                        "Acknowledges an alert: it stops escalating (body: {\"reason\":...}). "
                                + "409 if somebody acknowledged it already or it has resolved", this::acknowledge),
                ApiRoute.post("/api/v1/alerts/{fingerprint}/resolve", Access.OPERATOR,
                        "Resolves an alert now (body: {\"reason\":...}). 409 if it has resolved already", this::resolve));
    }

    private void acknowledge(Context ctx) {
        String fingerprint = known(ctx);
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        if (!alerting.acknowledge(fingerprint, principal.actor())) {
            throw new ConflictResponse(alerting.alert(fingerprint).map(AlertRoutes::whyNotAcknowledged)
                    .orElse("alert " + fingerprint + " has resolved"));
        }
        auditor.record(principal, "alert.ack", fingerprint, reason, Map.of());
        ctx.json(AlertJson.of(alerting.alert(fingerprint).orElseThrow()));
    }

    private void resolve(Context ctx) {
        String fingerprint = known(ctx);
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        if (!alerting.resolve(fingerprint, principal.actor())) {
            throw new ConflictResponse("alert " + fingerprint + " has resolved already");
        }
        auditor.record(principal, "alert.resolve", fingerprint, reason, Map.of());
        ctx.status(200).json(alerting.alert(fingerprint).map(AlertJson::of).map(Object.class::cast)
                .orElse(Map.of("fingerprint", fingerprint, "state", "RESOLVED")));
    }

    /** Why an acknowledgement changed nothing, read just after it was refused. */
    private static String whyNotAcknowledged(AlertView alert) {
        if (alert.state() == AlertState.RESOLVED) {
            return "alert " + alert.fingerprint() + " has resolved: there is nothing to acknowledge";
        }
        if (alert.acknowledged()) {
            return "alert " + alert.fingerprint() + " was acknowledged already by " + alert.acknowledgedBy();
        }
        // refused while resolved, and fired again since
        return "alert " + alert.fingerprint() + " had resolved; it fires again now, so try again";
    }

    private String known(Context ctx) {
        String fingerprint = ctx.pathParam("fingerprint");
        if (alerting.alert(fingerprint).isEmpty()) {
            throw new NotFoundResponse("no alert with fingerprint '" + fingerprint + "'");
        }
        return fingerprint;
    }
}
