package io.homeostat.server.api;

import io.homeostat.server.metrics.PrometheusText;
import io.homeostat.server.metrics.SelfMonitor;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /metrics}: Homeostat's own metrics and its guards' in the Prometheus text format.
 * Needs a viewer token like every read of the API (Prometheus sends one with
 * {@code authorization: {credentials: ...}} in its scrape config).
 */
final class MetricsRoutes {

    private final SelfMonitor self;

    MetricsRoutes(SelfMonitor self) {
        this.self = self;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/metrics", Access.VIEWER,
                "Prometheus exposition (text format 0.0.4) of Homeostat's own metrics and the guards' metrics", List.of(),
                this::metrics).withResponses(ApiResponse.of(200, PrometheusText.CONTENT_TYPE, "the metrics")));
    }

    private void metrics(Context ctx) {
        PrometheusText text = new PrometheusText();
        self.metrics(text);
        ctx.contentType(PrometheusText.CONTENT_TYPE).result(text.toString());
    }
}
