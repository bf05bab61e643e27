package io.homeostat.server.api;

import io.homeostat.engine.execute.ApprovalNotPendingException;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.plan.WorkflowStep;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Approvals of high-risk recovery steps: {@code GET /api/v1/approvals} (the runs waiting for one)
 * and {@code POST /api/v1/approvals/{runId}/approve|reject} for operators, audited with the actor.
 */
final class ApprovalRoutes {

    /** A run waiting for approval of its current step; {@code step} and {@code action} are empty if the workflow is gone. */
    record PendingJson(String runId, String incidentId, String workflow, String service, int stepIndex, String step,
            String action, Map<String, String> params, String reason, Instant requestedAt, Instant expiresAt) {}

    /** The body of a decision: a note (required to reject, optional to approve; at most 500 characters). */
    record DecisionRequest(String note) {}

    private final ControlLoop loop;
    private final Auditor auditor;

    ApprovalRoutes(ControlLoop loop, Auditor auditor) {
        this.loop = loop;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/approvals", Access.VIEWER, "Recovery runs waiting for a person to approve a high-risk step",
                        List.of(), ctx -> ctx.json(Map.of("approvals", pending()))),
                ApiRoute.post("/api/v1/approvals/{runId}/approve", Access.OPERATOR,
                        "Approves the step a run waits on; it acts right away if the gates allow (body: {\"note\":...})",
                        this::approve),
                ApiRoute.post("/api/v1/approvals/{runId}/reject", Access.OPERATOR,
                        "Rejects the step a run waits on: the run ends escalated (body: {\"note\":...}, required)",
                        this::reject));
    }

    private List<PendingJson> pending() {
        return loop.store().workflows().active().stream().filter(run -> run.phase() == RunPhase.AWAITING_APPROVAL)
                .map(this::pending).toList();
    }

    private PendingJson pending(WorkflowRun run) {
        var step = loop.recovery().workflowOf(run).filter(w -> run.stepIndex() < w.steps().size())
                .map(w -> w.steps().get(run.stepIndex()));
        return new PendingJson(run.runId(), run.incidentId(), run.workflow(), run.service(), run.stepIndex(),
                step.map(WorkflowStep::name).orElse(""), step.map(WorkflowStep::action).orElse(""),
                step.map(WorkflowStep::params).orElse(Map.of()), run.reason(), run.updatedAt(), run.approvalExpiresAt());
    }

    private void approve(Context ctx) {
        String runId = known(ctx);
        String note = note(ctx, false);
        Principal principal = Authorizer.principal(ctx);
        WorkflowRun run = decide(() -> loop.recovery().approve(runId, principal.actor(), note));
        auditor.record(principal, "approval.approve", "run:" + runId, note, Map.of("workflow", run.workflow(),
                "incident", run.incidentId(), "phase", run.phase().name()));
        ctx.json(run);
    }

    private void reject(Context ctx) {
        String runId = known(ctx);
        String note = note(ctx, true);
        Principal principal = Authorizer.principal(ctx);
        WorkflowRun run = decide(() -> loop.recovery().reject(runId, principal.actor(), note));
        auditor.record(principal, "approval.reject", "run:" + runId, note, Map.of("workflow", run.workflow(),
                "incident", run.incidentId(), "phase", run.phase().name()));
        ctx.json(run);
    }

    private String known(Context ctx) {
        String runId = ctx.pathParam("runId");
        if (loop.recovery().run(runId).isEmpty()) {
            throw new NotFoundResponse("no recovery run with id '" + runId + "'");
        }
        return runId;
    }

    private static String note(Context ctx, boolean required) {
        String note = ctx.bodyAsClass(DecisionRequest.class).note();
        if (note == null || note.isBlank()) {
            if (required) {
                throw new BadRequestException("note", "missing: say why, e.g. {\"note\":\"too risky during the sale\"}");
            }
            return "";
        }
        if (note.length() > 500) {
            throw new BadRequestException("note", "at most 500 characters");
        }
        return note.strip();
    }

    private static WorkflowRun decide(java.util.function.Supplier<WorkflowRun> decision) {
        try {
            return decision.get();
        } catch (ApprovalNotPendingException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }
}
