package io.homeostat.server.api;

import io.homeostat.engine.alert.Alerting;
import io.homeostat.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;

/** Alerts: list for viewers; acknowledge and resolve for operators, audited. */
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
                        "Acknowledges an alert: it stops escalating (body: {\"reason\":...})", this::acknowledge),
                ApiRoute.post("/api/v1/alerts/{fingerprint}/resolve", Access.OPERATOR,
                        "Resolves an alert now (body: {\"reason\":...})", this::resolve));
    }

    private void acknowledge(Context ctx) {
        String fingerprint = known(ctx);
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        alerting.acknowledge(fingerprint, principal.actor());
        auditor.record(principal, "alert.ack", fingerprint, reason, Map.of());
        ctx.json(AlertJson.of(alerting.alert(fingerprint).orElseThrow()));
    }

    private void resolve(Context ctx) {
        String fingerprint = known(ctx);
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        alerting.resolve(fingerprint, principal.actor());
        auditor.record(principal, "alert.resolve", fingerprint, reason, Map.of());
        ctx.status(200).json(alerting.alert(fingerprint).map(AlertJson::of).map(Object.class::cast)
                .orElse(Map.of("fingerprint", fingerprint, "state", "RESOLVED")));
    }

    private String known(Context ctx) {
        String fingerprint = ctx.pathParam("fingerprint");
        if (alerting.alert(fingerprint).isEmpty()) {
            throw new NotFoundResponse("no alert with fingerprint '" + fingerprint + "'");
        }
        return fingerprint;
    }
}
