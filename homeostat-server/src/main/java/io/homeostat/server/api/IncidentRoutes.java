package io.homeostat.server.api;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/incidents} (filtered list) and {@code GET /api/v1/incidents/{id}} (detail with timeline). */
final class IncidentRoutes {

    private final IncidentStore incidents;

    IncidentRoutes(IncidentStore incidents) {
        this.incidents = incidents;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/incidents", Access.VIEWER,
                        "Incidents, newest first, filtered by status, severity, service and opening time",
                        List.of("status", "severity", "service", "since", "limit"), this::list),
                ApiRoute.get("/api/v1/incidents/{id}", Access.VIEWER, "One incident with its timeline", List.of(),
                        this::detail));
    }

    private void list(Context ctx) {
        IncidentQuery query = IncidentQuery.all().withLimit(Params.limit(ctx, IncidentQuery.DEFAULT_LIMIT, IncidentQuery.MAX_LIMIT));
        var status = Params.enumValue(ctx, "status", IncidentStatus.class);
        if (status.isPresent()) {
            query = query.withStatus(status.get());
        }
        var severity = Params.enumValue(ctx, "severity", Severity.class);
        if (severity.isPresent()) {
            query = query.withSeverity(severity.get());
        }
        var service = Params.text(ctx, "service");
        if (service.isPresent()) {
            query = query.withService(service.get());
        }
        var since = Params.instant(ctx, "since");
        if (since.isPresent()) {
            query = query.withSince(since.get());
        }
        ctx.json(Map.of("incidents", incidents.list(query).stream().map(IncidentJson::of).toList()));
    }

    private void detail(Context ctx) {
        String id = ctx.pathParam("id");
        Incident incident = incidents.find(id).orElseThrow(() -> new NotFoundResponse("no incident with id '" + id + "'"));
        ctx.json(new IncidentJson.Detail(IncidentJson.of(incident),
                incidents.timeline(id).stream().map(IncidentJson.Entry::of).toList()));
    }
}
