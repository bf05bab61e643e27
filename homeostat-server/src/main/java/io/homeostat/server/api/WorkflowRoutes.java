package io.homeostat.server.api;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.RecoveryTrigger;
import io.homeostat.engine.execute.StartResult;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.plan.DetectionTriggers;
import io.homeostat.engine.plan.StepAlternative;
import io.homeostat.engine.plan.SuccessCriterion;
import io.homeostat.engine.plan.TriggerType;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Workflows: {@code GET /api/v1/workflows} (the catalog) and
 * {@code POST /api/v1/workflows/{name}/runs} (an operator starts a workflow by hand, audited).
 * The run recovers an active incident: the one named in the body, or a new one opened for the
 * service named in the body (a {@code manual} detection by the caller).
 */
final class WorkflowRoutes {

    /** One workflow as the catalog lists it. */
    record WorkflowJson(String name, String description, Set<TriggerType> triggers, List<String> services,
            Set<String> categories, int priority, Duration timeout, List<StepJson> steps, List<StepJson> rollback) {

        static WorkflowJson of(Workflow w) {
            return new WorkflowJson(w.name(), w.description(), w.triggers(), w.services().patterns(), w.categories(),
                    w.priority(), w.timeout(), w.steps().stream().map(StepJson::of).toList(),
                    w.rollback().stream().map(StepJson::of).toList());
        }
    }

    /**
     * One step of a workflow, as the file wrote it: what it does, what proves it worked, what
     * happens when it does not, and the actions tried in its place when a prerequisite is missing.
     */
    record StepJson(String name, String action, Map<String, String> params, List<SuccessCriterion> success,
            String onFailure, Duration timeout, Duration delay, int attempts, Duration backoff,
            List<StepAlternative> alternatives) {

        static StepJson of(WorkflowStep step) {
            return new StepJson(step.name(), step.action(), step.params(), step.success(),
                    step.onFailure().name().toLowerCase(Locale.ROOT), step.timeout(), step.delay(), step.attempts(),
                    step.backoff(), step.alternatives());
        }
    }

    /** The body of a manual trigger: an active incident, or a service to open one for; and why. */
    record RunRequest(String incident, String service, String reason) {}

    private final ControlLoop loop;
    private final Auditor auditor;
    private final Clock clock;

    WorkflowRoutes(ControlLoop loop, Auditor auditor, Clock clock) {
        this.loop = loop;
        this.auditor = auditor;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/workflows", Access.VIEWER, "The recovery workflows, with triggers, services and steps",
                        List.of(), ctx -> ctx.json(Map.of("workflows",
                                loop.workflows().workflows().stream().map(WorkflowJson::of).toList()))),
                ApiRoute.post("/api/v1/workflows/{name}/runs", Access.OPERATOR,
                        "Starts a workflow by hand (body: {\"incident\":id} or {\"service\":name}, and \"reason\"); "
                                + "201 with the run, 200 when held, 409 when the incident already has a run or is not active",
                        this::trigger).withResponses(ApiResponse.json(201, "started: the run, and what it is doing now"),
                        ApiResponse.json(200, "not started (held, or no workflow): the outcome and why")));
    }

    private void trigger(Context ctx) {
        String name = ctx.pathParam("name");
        Workflow workflow = loop.workflows().find(name)
                .orElseThrow(() -> new NotFoundResponse("no workflow named '" + name + "'"));
        RunRequest request = ctx.bodyAsClass(RunRequest.class);
        String reason = new ActionRequest(request.reason()).checkedReason();
        boolean hasIncident = request.incident() != null && !request.incident().isBlank();
        boolean hasService = request.service() != null && !request.service().isBlank();
        if (!hasIncident && !hasService) {
            throw new BadRequestException("incident", "name an active incident, or a service to open one for");
        }
        if (hasService) {
            if (request.service().length() > Signal.MAX_NAME_LENGTH) {
                throw new BadRequestException("service", "must be at most " + Signal.MAX_NAME_LENGTH
                        + " characters, was " + request.service().length());
            }
            requireServes(workflow, request.service());
        }
        Principal principal = Authorizer.principal(ctx);
        Incident incident;
        if (hasIncident) {
            incident = loop.tracker().active().stream().filter(i -> i.id().equals(request.incident())).findFirst()
                    .orElseThrow(() -> loop.incidents().find(request.incident()).isPresent()
                            ? new ConflictResponse("incident '" + request.incident() + "' is not active")
                            : new NotFoundResponse("no incident with id '" + request.incident() + "'"));
        } else {
            incident = open(request.service(), workflow, principal, reason);
        }
        String service = hasService ? request.service()
                : loop.diagnosis().latest(incident.id()).map(d -> d.rootService())
                        .orElse(incident.services().iterator().next());
        requireServes(workflow, service);
        StartResult result = loop.recovery().recover(
                new RecoveryTrigger(incident.id(), TriggerType.MANUAL, service, "manual"), workflow.name());
        auditor.record(principal, "workflow.run", "workflow:" + workflow.name(), reason, Map.of(
                "incident", incident.id(), "service", service, "outcome", result.outcome().name(), "runId", result.runId()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", result.outcome().name());
        body.put("runId", result.runId());
        body.put("incidentId", incident.id());
        body.put("service", service);
        body.put("reason", result.reason());
        if (result.outcome() == StartResult.Outcome.STARTED) {
            // What the run is doing now: it may be waiting already (a cooldown, a rate limit, a delay).
            try {
                loop.recovery().run(result.runId()).ifPresent(run -> body.put("now", run.reason()));
            } catch (StoreUnavailableException e) {
                // started all the same; what it does now is for a later read
            }
        }
        int status = switch (result.outcome()) {
            case STARTED -> 201;
            case ALREADY_RUNNING, NOT_ACTIVE -> 409;
            case HELD, NO_WORKFLOW -> 200;
        };
        ctx.status(status).json(body);
    }

    private static void requireServes(Workflow workflow, String service) {
        if (!workflow.services().matches(service)) {
            throw new BadRequestException("service", "workflow '" + workflow.name() + "' does not act on '" + service
                    + "' (it takes " + workflow.services().patterns() + ")");
        }
    }

    private Incident open(String service, Workflow workflow, Principal principal, String reason) {
        Detection manual = new Detection(UUID.randomUUID().toString(), "manual", Detection.Kind.EVENT,
                Detection.Status.FIRING, new SeriesKey(service, "manual"), DetectionTriggers.MANUAL,
                "manual:" + workflow.name(), Severity.HIGH, 1.0, "recovery requested by " + principal.actor() + ": " + reason,
                Map.of("workflow", workflow.name(), "by", principal.actor()), clock.instant());
        Optional<Incident> incident = loop.tracker().observe(manual);
        return incident.orElseThrow(() -> new ConflictResponse("the tracker took no incident for '" + service + "'"));
    }
}
