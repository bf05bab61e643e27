package io.homeostat.server.api;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisStage;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.IllegalIncidentTransitionException;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.server.auth.Principal;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/incidents} (filtered list), {@code GET /api/v1/incidents/{id}} (detail with
 * timeline), its {@code /timeline} and its {@code /diagnosis}; {@code POST .../resolve} for an
 * operator who resolves an active incident by hand (audited), unless a recovery run works on it.
 */
final class IncidentRoutes {

    private final IncidentStore incidents;
    private final DiagnosisStage diagnosis;
    private final DiagnosisStore stored;

    private final IncidentTracker tracker;
    private final WorkflowStore runs;
    private final Auditor auditor;

    IncidentRoutes(IncidentStore incidents, DiagnosisStage diagnosis, DiagnosisStore stored, IncidentTracker tracker,
            WorkflowStore runs, Auditor auditor) {
        this.incidents = incidents;
        this.diagnosis = diagnosis;
        this.stored = stored;
        this.tracker = tracker;
        this.runs = runs;
        this.auditor = auditor;
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
                        List.of(), this::diagnosis),
                ApiRoute.post("/api/v1/incidents/{id}/resolve", Access.OPERATOR,
                        "Resolves an active incident by hand (body: {\"reason\":...}); its alerts resolve with it. "
                                + "409 if it is not active or a recovery run works on it",
                        this::resolve));
    }

    private void resolve(Context ctx) {
        String id = ctx.pathParam("id");
        String reason = ctx.bodyAsClass(ActionRequest.class).checkedReason();
        if (tracker.active().stream().noneMatch(incident -> incident.id().equals(id))) {
            throw incidents.find(id).isPresent() ? new ConflictResponse("incident '" + id + "' is not active")
                    : new NotFoundResponse("no incident with id '" + id + "'");
        }
        Optional<WorkflowRun> run = runs.active().stream().filter(r -> r.incidentId().equals(id)).findFirst();
        if (run.isPresent()) {
            throw new ConflictResponse("run " + run.get().runId() + " of workflow " + run.get().workflow()
                    + " works on incident '" + id + "': let it end, or reject it if it waits for approval");
        }
        Principal principal = Authorizer.principal(ctx);
        Incident resolved;
        try {
            resolved = tracker.resolve(id, principal.actor(), reason);
        } catch (IllegalIncidentTransitionException e) {
            throw new ConflictResponse("incident '" + id + "' is not active");
        }
        auditor.record(principal, "incident.resolve", "incident:" + id, reason, Map.of());
        ctx.json(IncidentJson.of(resolved));
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
