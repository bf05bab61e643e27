package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.store.jdbc.RecoveryHistory;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovery history: {@code GET /api/v1/recovery/history?hours=N} (runs ended per hour by outcome,
 * and every run started in the last N hours with its steps, newest first) and
 * {@code GET /api/v1/recovery/runs/{id}} (one run with its steps).
 */
final class RecoveryRoutes {

    /** A run with its step records, oldest first. */
    record RunJson(WorkflowRun run, List<StepRecord> steps) {}

    private final ControlLoop loop;
    private final RecoveryHistory history;
    private final Clock clock;

    RecoveryRoutes(ControlLoop loop, Clock clock) {
        this.loop = loop;
        this.history = new RecoveryHistory(loop.store());
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/recovery/history", Access.VIEWER,
                        "Recovery over the last N hours (default 24): runs ended per hour by outcome, and the runs started with their steps",
                        List.of("hours"), this::history),
                ApiRoute.get("/api/v1/recovery/runs/{id}", Access.VIEWER, "One recovery run with its steps", List.of(),
                        this::run));
    }

    private void history(Context ctx) {
        int hours = Params.hours(ctx);
        Instant to = clock.instant().plusMillis(1);
        Instant from = to.minus(Duration.ofHours(hours));
        List<RunJson> runs = loop.store().workflows().startedSince(from).stream()
                .sorted(Comparator.comparing(WorkflowRun::startedAt).reversed())
                .map(run -> new RunJson(run, loop.recovery().steps(run.runId()))).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("byHour", history.byHour(from, to));
        body.put("runs", runs);
        ctx.json(body);
    }

    private void run(Context ctx) {
        String id = ctx.pathParam("id");
        WorkflowRun run = loop.recovery().run(id).orElseThrow(() -> new NotFoundResponse("no recovery run with id '" + id + "'"));
        ctx.json(new RunJson(run, loop.recovery().steps(id)));
    }
}
