package io.homeostat.server.api;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.incident.Incident;
import io.homeostat.server.ingest.Ingest;
import io.homeostat.server.metrics.SelfMonitor;
import io.homeostat.server.runtime.CircuitView;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (public: liveness and readiness, 200 or 503) and
 * {@code GET /api/v1/overview} (the system health overview).
 */
final class HealthRoutes {

    private final ControlLoop loop;
    private final Ingest ingest;
    private final BooleanSupplier ready;
    private final SelfMonitor self;

    HealthRoutes(ControlLoop loop, Ingest ingest, BooleanSupplier ready, SelfMonitor self) {
        this.loop = loop;
        this.ingest = ingest;
        this.ready = ready;
        this.self = self;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/health", Access.PUBLIC,
                        "Liveness and readiness of Homeostat itself and its self checks (bus queue, store spool,"
                                + " loop latency, drops): 200 when ready (status up or degraded), 503 when not",
                        List.of(), this::health).withResponses(ApiResponse.json(200, "ready: status up or degraded"),
                        ApiResponse.json(503, "not ready: the same body, saying which check is down")),
                ApiRoute.get("/api/v1/overview", Access.VIEWER,
                        "System health overview: active incidents, circuits, alerts, recovery runs and approvals, degradation, ingest and store counts", List.of(),
                        this::overview));
    }

    private void health(Context ctx) {
        Map<String, String> checks = new TreeMap<>();
        checks.put("server", ready.getAsBoolean() ? "up" : "starting or stopping");
        checks.put("bus", loop.bus().isClosed() ? "closed" : "up");
        var stats = loop.store().stats();
        checks.put("store", stats.spooledRecords() > stats.replayedRecords() ? "database unreachable, spooling" : "up");
        if (loop.store().shared()) {
            checks.put("lease", loop.leads() ? "up" : "another server holds this database's lease; not acting");
        }
        boolean ready = checks.values().stream().allMatch("up"::equals);
        boolean degraded = false;
        for (Map.Entry<String, HealthResult> check : self.checks().entrySet()) {
            HealthResult result = check.getValue();
            ready &= result.status() != HealthStatus.UNHEALTHY;
            degraded |= result.status() == HealthStatus.DEGRADED;
            checks.put(check.getKey(), switch (result.status()) {
                case HEALTHY -> "up";
                case DEGRADED -> "degraded: " + result.message();
                case UNHEALTHY -> "down: " + result.message();
            });
        }
        String status = !ready ? "down" : degraded ? "degraded" : "up";
        ctx.status(ready ? 200 : 503).json(Map.of("status", status, "live", true, "ready", ready, "checks", checks));
    }

    private void overview(Context ctx) {
        List<Incident> active = loop.tracker().active();
        Map<String, Long> bySeverity = new TreeMap<>();
        active.forEach(incident -> bySeverity.merge(incident.severity().name(), 1L, Long::sum));
        List<CircuitView> circuits = loop.circuits().list();
        Map<String, Long> byState = new TreeMap<>();
        circuits.forEach(circuit -> byState.merge(circuit.state().name(), 1L, Long::sum));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activeIncidents", active.size());
        body.put("activeIncidentsBySeverity", bySeverity);
        body.put("circuits", circuits.size());
        body.put("circuitsByState", byState);
        body.put("openCircuits", circuits.stream().filter(c -> c.state() != CircuitState.CLOSED).map(CircuitView::name).toList());
        body.put("alerts", loop.alerting().alerts().size());
        body.put("ingest", ingest.totals());
        body.put("bus", Map.of("published", loop.bus().published(), "delivered", loop.bus().delivered(),
                "dropped", loop.bus().dropped(), "pending", loop.bus().pending()));
        body.put("store", loop.store().stats());
        body.put("detectorFailures", loop.chain().failures());
        Map<String, Object> recovery = new LinkedHashMap<>();
        try {
            var runs = loop.store().workflows().active();
            recovery.put("activeRuns", runs.size());
            recovery.put("awaitingApproval", runs.stream().filter(run -> run.phase() == RunPhase.AWAITING_APPROVAL).count());
        } catch (StoreUnavailableException e) {
            // The runs are the database's; the rest of the overview is in memory and still true.
            recovery.put("activeRuns", null);
            recovery.put("awaitingApproval", null);
            recovery.put("unavailable", "the database does not answer: " + e.getMessage());
        }
        recovery.put("killSwitch", loop.recovery().flags().killed());
        recovery.put("mode", loop.recovery().flags().mode());
        body.put("recovery", recovery);
        body.put("degradation", loop.degradation().level());
        ctx.json(body);
    }
}
