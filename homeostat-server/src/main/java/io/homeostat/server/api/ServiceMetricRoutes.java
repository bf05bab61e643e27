package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.store.jdbc.MetricSeries;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's metric time series for the dashboard's drill-down charts:
 * {@code GET /api/v1/services/{name}/metrics?minutes=N} (the names of the metrics it has samples
 * of in the last N minutes, default 60, at most 7 days) and, with {@code metric=..}, that series:
 * per minute (count, mean, min, max; the default) or, with {@code resolution=raw}, its samples
 * (the newest {@value MetricSeries#MAX_SAMPLES} at most), oldest first. Read from the store's
 * raw samples, which the writer flushes about every second. The server stores at most one raw
 * sample per series per second of the samples' own time by default
 * ({@link io.homeostat.server.runtime.RawSampleDownsampler}; samples that arrive late are stored as taken),
 * so both the raw points and the per-minute figures describe the stored samples, not every sample
 * ingested (detection sees every one).
 */
final class ServiceMetricRoutes {

    private static final int MAX_MINUTES = 7 * 24 * 60;

    private final MetricSeries series;
    private final Clock clock;

    ServiceMetricRoutes(ControlLoop loop, Clock clock) {
        this.series = new MetricSeries(loop.store());
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/services/{name}/metrics", Access.VIEWER,
                "A service's metrics over the last N minutes (default 60): without 'metric' the names it has samples of; with it that series per minute (count, mean, min, max) or, with resolution=raw, its samples, oldest first",
                List.of("metric", "minutes", "resolution"), this::metrics));
    }

    private void metrics(Context ctx) {
        String service = ctx.pathParam("name");
        int minutes = Params.integer(ctx, "minutes", 60, 1, MAX_MINUTES);
        Instant to = clock.instant().plusMillis(1);
        Instant from = to.minus(Duration.ofMinutes(minutes));
        Optional<String> metric = Params.text(ctx, "metric");
        String resolution = Params.text(ctx, "resolution").orElse("minute");
        if (!resolution.equals("minute") && !resolution.equals("raw")) {
            throw new BadRequestException("resolution", "expected 'minute' or 'raw', got '" + resolution + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        body.put("from", from);
        body.put("to", to);
        if (metric.isEmpty()) {
            body.put("metrics", series.metrics(service, from, to));
        } else {
            body.put("metric", metric.get());
            body.put("resolution", resolution);
            body.put("points", resolution.equals("raw")
                    ? series.samples(service, metric.get(), from, to, MetricSeries.MAX_SAMPLES)
                    : series.perMinute(service, metric.get(), from, to));
        }
        ctx.json(body);
    }
}
