package io.homeostat.server.api;

import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.incident.IncidentEvent;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.events.LiveEvent;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.sse.SseHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/events}: the live stream (SSE) of incident changes ({@code incident}),
 * alert events ({@code alert}) and circuit breaker transitions ({@code circuit}).
 */
final class LiveRoutes {

    private final EventStream stream;

    LiveRoutes(ControlLoop loop, EventStream stream) {
        this.stream = stream;
        loop.tracker().listen(this::incident);
        loop.onAlertEvent(event -> stream.publish(new LiveEvent("alert", event)));
        loop.bus().subscribe(this::signals);
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/events", Access.VIEWER,
                "Server-Sent Events: 'incident', 'alert' and 'circuit' events as they happen", List.of(),
                new SseHandler(stream::attach)));
    }

    private void incident(IncidentEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", event.getClass().getSimpleName());
        data.put("incident", IncidentJson.of(event.incident()));
        stream.publish(new LiveEvent("incident", data));
    }

    private void signals(List<Signal> batch) {
        for (Signal signal : batch) {
            if (signal instanceof CircuitTransition transition) {
                stream.publish(new LiveEvent("circuit", transition));
            }
        }
    }
}
