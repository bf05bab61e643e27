package io.homeostat.server.api;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.server.runtime.CircuitView;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.ServiceHealth;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Services and their health: {@code GET /api/v1/services} (every service the server knows from
 * its guards, the circuits, the signals and the active incidents, with its status now) and
 * {@code GET /api/v1/services/{name}/timeline?hours=N} (its health per 5-minute bucket from the
 * signals, the last 24 h at most, and the entries of the incidents that involved it in the last
 * N hours, oldest first). A service is {@code down} while its circuit is
 * open (or forced open), {@code degraded} while it is half-open or an incident involving it is
 * active, else {@code up}.
 */
final class ServiceRoutes {

    /** One service as the list shows it; {@code circuit} is null when it has no known breaker. */
    record ServiceJson(String name, String status, CircuitState circuit, int activeIncidents, String worstSeverity) {}

    /** One entry of a service's health timeline. */
    record TimelineJson(Instant time, String incidentId, String type, String message, Map<String, String> evidence) {}

    private final ControlLoop loop;
    private final Clock clock;

    ServiceRoutes(ControlLoop loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/services", Access.VIEWER,
                        "Every known service (guards, circuits, active incidents) with its health now: up, degraded or down",
                        List.of(), ctx -> ctx.json(Map.of("services", services()))),
                ApiRoute.get("/api/v1/services/{name}/timeline", Access.VIEWER,
                        "A service's health timeline: its status now, its health per 5-minute bucket (24 h at most) and the entries of the incidents that involved it, oldest first",
                        List.of("hours"), this::timeline));
    }

    private List<ServiceJson> services() {
        TreeSet<String> names = new TreeSet<>();
        loop.guards().guards().forEach(guard -> names.add(guard.name()));
        loop.circuits().list().forEach(circuit -> names.add(circuit.name()));
        names.addAll(loop.health().services());
        List<Incident> active = loop.tracker().active();
        active.forEach(incident -> names.addAll(incident.services()));
        return names.stream().map(name -> service(name, active)).toList();
    }

    private ServiceJson service(String name, List<Incident> active) {
        Optional<CircuitView> circuit = loop.circuits().find(name);
        List<Incident> mine = active.stream().filter(incident -> incident.services().contains(name)).toList();
        CircuitState state = circuit.map(CircuitView::state).orElse(CircuitState.CLOSED);
        String status = state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN ? "down"
                : state == CircuitState.HALF_OPEN || !mine.isEmpty() ? "degraded" : "up";
        String worst = mine.stream().map(Incident::severity).min(Comparator.naturalOrder()).map(Enum::name).orElse("");
        return new ServiceJson(name, status, circuit.map(CircuitView::state).orElse(null), mine.size(), worst);
    }

    private void timeline(Context ctx) {
        String name = ctx.pathParam("name");
        int hours = Params.hours(ctx);
        Instant from = clock.instant().minus(Duration.ofHours(hours));
        Map<String, Incident> involved = new LinkedHashMap<>();
        loop.incidents().list(IncidentQuery.all().withService(name).withSince(from).withLimit(IncidentQuery.MAX_LIMIT))
                .forEach(incident -> involved.put(incident.id(), incident));
        loop.tracker().active().stream().filter(incident -> incident.services().contains(name))
                .forEach(incident -> involved.putIfAbsent(incident.id(), incident));
        boolean known = loop.guards().find(name).isPresent() || loop.circuits().find(name).isPresent()
                || loop.health().services().contains(name);
        if (involved.isEmpty() && !known) {
            throw new NotFoundResponse("no service named '" + name + "' is known, nor any incident of it in the last "
                    + hours + " h");
        }
        List<TimelineJson> entries = new ArrayList<>();
        for (Incident incident : involved.values()) {
            loop.incidents().timeline(incident.id()).stream().filter(entry -> !entry.time().isBefore(from))
                    .forEach(entry -> entries.add(new TimelineJson(entry.time(), incident.id(), entry.type().name(),
                            entry.message(), entry.evidence())));
        }
        entries.sort(Comparator.comparing(TimelineJson::time));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service(name, loop.tracker().active()));
        body.put("from", from);
        body.put("bucketSeconds", ServiceHealth.BUCKET.toSeconds());
        body.put("buckets", loop.health().timeline(name, from, clock.instant().plusMillis(1)));
        body.put("timeline", entries);
        ctx.json(body);
    }
}
