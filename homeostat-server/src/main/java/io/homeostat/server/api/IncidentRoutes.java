package io.homeostat.server.api;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisStage;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/incidents} (filtered list), {@code GET /api/v1/incidents/{id}} (detail with
 * timeline), its {@code /timeline} and its {@code /diagnosis}.
 */
final class IncidentRoutes {

    private final IncidentStore incidents;
    private final DiagnosisStage diagnosis;
    private final DiagnosisStore stored;

    IncidentRoutes(IncidentStore incidents, DiagnosisStage diagnosis, DiagnosisStore stored) {
        this.incidents = incidents;
        this.diagnosis = diagnosis;
        this.stored = stored;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/incidents", Access.VIEWER,
                        "Incidents, newest first, filtered by status, severity, service and opening time",
                        List.of("status", "severity", "service", "since", "limit"), this::list),
                ApiRoute.get("/api/v1/incidents/{id}", Access.VIEWER, "One incident with its timeline", List.of(),
                        this::detail),
                ApiRoute.get("/api/v1/incidents/{id}/timeline", Access.VIEWER, "One incident's timeline, oldest first",
                        List.of(), this::timeline),
                ApiRoute.get("/api/v1/incidents/{id}/diagnosis", Access.VIEWER,
                        "One incident's diagnosis: the live one while it is active, else the newest one stored, else the one its timeline recorded; 404 if none",
                        List.of(), this::diagnosis));
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
        Incident incident = known(ctx);
        ctx.json(new IncidentJson.Detail(IncidentJson.of(incident),
                incidents.timeline(incident.id()).stream().map(IncidentJson.Entry::of).toList()));
    }

    private void timeline(Context ctx) {
        Incident incident = known(ctx);
        ctx.json(Map.of("incidentId", incident.id(),
                "timeline", incidents.timeline(incident.id()).stream().map(IncidentJson.Entry::of).toList()));
    }

    private void diagnosis(Context ctx) {
        Incident incident = known(ctx);
        Optional<Diagnosis> live = diagnosis.latest(incident.id());
        if (live.isPresent()) {
            ctx.json(whole(incident, "live", live.get()));
            return;
        }
        Optional<Diagnosis> kept = stored.latest(incident.id());
        if (kept.isPresent()) {
            ctx.json(whole(incident, "store", kept.get()));
            return;
        }
        // Diagnosed before diagnoses were stored: what survives is the evidence of its DIAGNOSED transition.
        List<TimelineEntry> diagnosed = incidents.timeline(incident.id()).stream()
                .filter(entry -> entry.type() == TimelineEntry.Type.STATUS_CHANGED
                        && "DIAGNOSED".equals(entry.evidence().get("to")))
                .toList();
        if (diagnosed.isEmpty()) {
            throw new NotFoundResponse("incident '" + incident.id() + "' has not been diagnosed");
        }
        TimelineEntry last = diagnosed.getLast();
        ctx.json(Map.of("incidentId", incident.id(), "source", "timeline",
                "summary", last.evidence().getOrDefault("reason", ""),
                "evidence", last.evidence()));
    }

    private static Map<String, Object> whole(Incident incident, String source, Diagnosis d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidentId", incident.id());
        body.put("source", source);
        body.put("summary", d.summary());
        body.put("evidence", d.evidence());
        body.put("diagnosis", d);
        return body;
    }

    private Incident known(Context ctx) {
        String id = ctx.pathParam("id");
        return incidents.find(id).orElseThrow(() -> new NotFoundResponse("no incident with id '" + id + "'"));
    }
}
