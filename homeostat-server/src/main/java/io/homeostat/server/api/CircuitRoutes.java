package io.homeostat.server.api;

import io.homeostat.server.auth.Principal;
import io.homeostat.server.runtime.CircuitView;
import io.homeostat.server.runtime.Circuits;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Circuits: list for viewers; reset and force-open for operators, audited. */
final class CircuitRoutes {

    private final Circuits circuits;
    private final Auditor auditor;

    CircuitRoutes(Circuits circuits, Auditor auditor) {
        this.circuits = circuits;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/circuits", Access.VIEWER, "Every known circuit breaker with its state and window",
                        List.of(), ctx -> ctx.json(Map.of("circuits", circuits.list()))),
                ApiRoute.post("/api/v1/circuits/{name}/reset", Access.OPERATOR,
                        "Closes a local breaker with an empty window (body: {\"reason\":...})", this::reset),
                ApiRoute.post("/api/v1/circuits/{name}/force-open", Access.OPERATOR,
                        "Opens a local breaker until it is reset (body: {\"reason\":...})", this::forceOpen));
    }

    private void reset(Context ctx) {
        String name = ctx.pathParam("name");
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        CircuitView view = circuits.reset(name, principal.actor() + ": " + reason);
        auditor.record(principal, "circuit.reset", name, reason, Map.of("state", view.state().name()));
        ctx.json(view);
    }

    private void forceOpen(Context ctx) {
        String name = ctx.pathParam("name");
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        CircuitView view = circuits.forceOpen(name, principal.actor() + ": " + reason);
        auditor.record(principal, "circuit.force_open", name, reason, Map.of("state", view.state().name()));
        ctx.json(view);
    }
}
