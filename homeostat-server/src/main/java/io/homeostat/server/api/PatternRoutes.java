package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.Recommendation;
import io.homeostat.engine.port.PatternStore;
import io.homeostat.store.jdbc.FailureStatistics;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failure patterns and what to do about them: {@code GET /api/v1/patterns} (the recognised
 * patterns, most confident first), {@code GET /api/v1/patterns/failures?hours=N} (the most common
 * failure types, the services failing most, the error trend) and
 * {@code GET /api/v1/recommendations} (one recommendation per pattern and service).
 */
final class PatternRoutes {

    private static final Comparator<Pattern> MOST_CONFIDENT =
            Comparator.comparingDouble(Pattern::confidence).reversed().thenComparing(Pattern::signature);

    private final PatternStore patterns;
    private final FailureStatistics failures;
    private final Clock clock;

    PatternRoutes(ControlLoop loop, Clock clock) {
        this.patterns = loop.store().patterns();
        this.failures = new FailureStatistics(loop.store());
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/patterns", Access.VIEWER, "Recognised failure patterns, most confident first",
                        List.of("service", "limit"), ctx -> ctx.json(Map.of("patterns", patterns(ctx)))),
                ApiRoute.get("/api/v1/patterns/failures", Access.VIEWER,
                        "Failures over the last N hours (default 24): most common types, services with the highest failure rates, error trend",
                        List.of("hours", "limit"), this::failures),
                ApiRoute.get("/api/v1/recommendations", Access.VIEWER,
                        "What to do about each service's recognised patterns, most confident first",
                        List.of("service", "limit"), this::recommendations));
    }

    private List<Pattern> patterns(Context ctx) {
        int limit = Params.limit(ctx, 100, PatternStore.MAX_LIMIT);
        List<Pattern> found = Params.text(ctx, "service").map(patterns::forService).orElseGet(() -> patterns.list(limit));
        return found.stream().sorted(MOST_CONFIDENT).limit(limit).toList();
    }

    private void failures(Context ctx) {
        int hours = Params.hours(ctx);
        int limit = Params.limit(ctx, 10, 1_000);
        Instant to = clock.instant().plusMillis(1);
        Instant from = to.minus(Duration.ofHours(hours));
        Duration width = hours <= 6 ? Duration.ofMinutes(5) : Duration.ofHours(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("mostCommonTypes", failures.mostCommonTypes(from, to, limit));
        body.put("servicesByFailureRate", failures.servicesByFailureRate(from, to, limit));
        body.put("trendBucketSeconds", width.toSeconds());
        body.put("errorTrend", failures.errorTrend(from, to, width));
        ctx.json(body);
    }

    private void recommendations(Context ctx) {
        List<Recommendation> recommendations = patterns(ctx).stream()
                .flatMap(pattern -> pattern.services().stream()
                        .filter(service -> Params.text(ctx, "service").map(service::equals).orElse(true))
                        .map(service -> Recommendation.of(service, pattern)))
                .toList();
        ctx.json(Map.of("recommendations", recommendations));
    }
}
