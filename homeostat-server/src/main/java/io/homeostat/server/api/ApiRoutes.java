package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.server.ConfigReloader;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.BrowserSessions;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.ingest.Ingest;
import io.homeostat.server.metrics.SelfMonitor;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The route table of the whole API, in one place, with the OpenAPI document built from it.
 * Immutable.
 */
public final class ApiRoutes {

    /** Where the OpenAPI document is served. */
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";

    private final List<ApiRoute> routes;

    private ApiRoutes(List<ApiRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Every route of a server over {@code loop}.
     *
     * @param ready whether the server is ready (for {@code /health})
     * @param maxBatchBytes the largest ingest body
     * @param events the live stream served at {@code /api/v1/events}
     * @param config the server's settings, shown by {@code /api/v1/config}
     * @param self Homeostat's self checks and metrics ({@code /health}, {@code /metrics})
     * @param sessions the dashboard's browser sessions, signed in at {@code /api/v1/session}
     * @param reloader reloads {@code homeostat.yaml} at {@code /api/v1/config/reload}
     */
    public static ApiRoutes of(
            ControlLoop loop, Ingest ingest, ApiTokens tokens, Clock clock, BooleanSupplier ready, int maxBatchBytes,
            EventStream events, ServerConfig config, SelfMonitor self, BrowserSessions sessions,
            ConfigReloader reloader) {
        Auditor auditor = new Auditor(loop.auditLog(), clock);
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new HealthRoutes(loop, ingest, ready, self).routes());
        routes.addAll(new MetricsRoutes(self).routes());
        routes.addAll(new IngestRoutes(ingest, maxBatchBytes).routes());
        routes.addAll(new IncidentRoutes(loop.incidents(), loop.diagnosis(), loop.store().diagnoses(), loop.tracker(),
                loop.store().workflows(), auditor).routes());
        routes.addAll(new ServiceRoutes(loop, clock).routes());
        routes.addAll(new ServiceMetricRoutes(loop, clock).routes());
        routes.addAll(new OverheadRoutes(loop).routes());
        routes.addAll(new CircuitRoutes(loop.circuits(), auditor).routes());
        routes.addAll(new AlertRoutes(loop.alerting(), auditor).routes());
        routes.addAll(new SilenceRoutes(loop.alerting(), auditor, loop.scheduler().clock()).routes());
        routes.addAll(new RecoveryRoutes(loop, clock).routes());
        routes.addAll(new WorkflowRoutes(loop, auditor, clock).routes());
        routes.addAll(new ApprovalRoutes(loop, auditor).routes());
        routes.addAll(new PatternRoutes(loop, clock).routes());
        routes.addAll(new ControlRoutes(loop, auditor).routes());
        routes.addAll(new ConfigRoutes(config, loop, reloader, auditor).routes());
        routes.addAll(new AuditRoutes(auditor, clock).routes());
        routes.addAll(new TokenRoutes(tokens, auditor).routes());
        routes.addAll(new LiveRoutes(loop, events, sessions, tokens).routes());
        routes.addAll(new LearningRoutes(loop, clock).routes());
        routes.addAll(new SessionRoutes(sessions, auditor).routes());
        AtomicReference<Map<String, Object>> document = new AtomicReference<>();
        routes.add(ApiRoute.get(OPENAPI_PATH, Access.PUBLIC, "This OpenAPI 3 document", List.of(),
                ctx -> ctx.json(document.get())));
        document.set(OpenApiDocument.of(routes, "1"));
        return new ApiRoutes(routes);
    }

    /** The routes, in registration order. */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** The routes with {@code method}, e.g. every POST. */
    public List<ApiRoute> routes(HandlerType method) {
        return routes.stream().filter(route -> route.method() == method).toList();
    }
}
