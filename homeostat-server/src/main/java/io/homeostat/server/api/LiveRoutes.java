package io.homeostat.server.api;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.BrowserSessions;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.auth.Session;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.events.LiveEvent;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/events}: the live stream (SSE) of incident changes ({@code incident}),
 * alert events ({@code alert}), circuit breaker transitions ({@code circuit}), the recovery
 * loop's decisions on runs and steps ({@code recovery}) and approvals requested, granted or
 * rejected ({@code approval}, by the loop or through the API); the latter two carry the audit record.
 * Degradation level changes ({@code degradation}, the {@link io.homeostat.core.degrade.DegradationChange})
 * and flag changes ({@code flag}: a feature turning on or off, the
 * {@link io.homeostat.core.degrade.FeatureChange}, or a recovery switch set, the
 * {@link io.homeostat.engine.port.RecoverySwitch}) come from their sources of truth, so changes the
 * loop makes (automatic degradation, recovery actions) show as well as those made through the API;
 * a feature's override set or cleared through the API also sends a {@code flag} event with its audit
 * record, as the override may change without the feature turning on or off. A request without
 * {@code Accept: text/event-stream} gets 406 saying to send it. A client that falls more than
 * {@link EventStream#CLIENT_BACKLOG_BYTES} bytes behind is disconnected, and one more than
 * {@link EventStream#MAX_CLIENTS} connected is answered 503 with {@code Retry-After} (see {@link EventStream}).
 * A stream ends when what it was opened with does (a browser session signed out or expired, an
 * API token revoked): before its next event or keep-alive comment.
 */
final class LiveRoutes {

    private static final String EVENT_STREAM = "text/event-stream";

    private final EventStream stream;
    private final BrowserSessions sessions;
    private final ApiTokens tokens;

    LiveRoutes(ControlLoop loop, EventStream stream, BrowserSessions sessions, ApiTokens tokens) {
        this.stream = stream;
        this.sessions = sessions;
        this.tokens = tokens;
        loop.tracker().listen(this::incident);
        loop.onAlertEvent(event -> stream.publish(new LiveEvent("alert", event)));
        loop.bus().subscribe(this::signals);
        loop.onAuditRecord(this::decision);
        loop.degradation().subscribe(change -> stream.publish(new LiveEvent("degradation", change)));
        loop.toggles().subscribe(change -> stream.publish(new LiveEvent("flag", change)));
        loop.recoverySwitches().subscribe(setting -> stream.publish(new LiveEvent("flag", setting)));
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/events", Access.VIEWER,
                "Server-Sent Events as they happen: 'incident', 'alert', 'circuit', 'recovery' (runs and steps), "
                        + "'approval' (requested, granted, rejected), 'degradation' (level changes) and 'flag' (a feature "
                        + "turning on or off, a recovery switch set); send Accept: text/event-stream", List.of(),
                this::events).withResponses(ApiResponse.of(200, EVENT_STREAM, "the stream, until the client goes"),
                ApiResponse.error(406, "the request did not send Accept: text/event-stream"),
                ApiResponse.error(503, "as many clients as the stream takes are connected; try again after Retry-After")));
    }

    private void events(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains(EVENT_STREAM)) {
            // Javalin's SseHandler would answer an empty 200 text/plain; say what is missing instead.
            ctx.status(406).json(new ApiError(406, "this is a stream of server-sent events: send Accept: " + EVENT_STREAM,
                    "Accept"));
            return;
        }
        if (ctx.method() == HandlerType.HEAD) {
            // What a GET answers, without joining the stream (it would hold the HEAD open).
            ctx.contentType(EVENT_STREAM).header("Cache-Control", "no-cache");
            return;
        }
        if (!stream.admits()) {
            ctx.status(503).header("Retry-After", Integer.toString(EventStream.RETRY_AFTER_SECONDS))
                    .json(new ApiError(503, "the live stream has " + EventStream.MAX_CLIENTS
                            + " clients, as many as it takes; try again later", null));
            return;
        }
        // A stream ends with the browser session (signed out, expired) or the API token (revoked) it was opened with.
        Principal principal = Authorizer.principal(ctx);
        BooleanSupplier allowed = Authorizer.session(ctx).map(Session::id)
                .<BooleanSupplier>map(id -> () -> sessions.find(id).isPresent())
                .orElse(() -> tokens.isCurrent(principal));
        new SseHandler(client -> stream.attach(client, allowed)).handle(ctx);
    }

    private void incident(IncidentEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", event.getClass().getSimpleName());
        data.put("incident", IncidentJson.of(event.incident()));
        stream.publish(new LiveEvent("incident", data));
    }

    private void decision(AuditRecord record) {
        String action = record.action();
        if (action.contains("approval.")) {
            stream.publish(new LiveEvent("approval", record));
        } else if (action.startsWith("recovery.")) {
            stream.publish(new LiveEvent("recovery", record));
        } else if (action.equals("api.flag.set") && !record.target().startsWith("flag:recovery.")) {
            // An override that leaves the feature as it was (forced on while on, cleared) changes no
            // FeatureChange, but the flag's override did change: say so with the audit record.
            stream.publish(new LiveEvent("flag", record));
        }
    }

    private void signals(List<Signal> batch) {
        for (Signal signal : batch) {
            if (signal instanceof CircuitTransition transition) {
                stream.publish(new LiveEvent("circuit", transition));
            }
        }
    }
}
