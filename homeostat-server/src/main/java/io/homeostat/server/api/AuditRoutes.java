package io.homeostat.server.api;

import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit}: the audit trail, oldest first, filtered, at most {@code limit}
 * records; {@code truncated} says whether more match, and {@code nextFrom} where they start.
 */
final class AuditRoutes {

    private final Auditor auditor;
    private final io.homeostat.core.time.Clock clock;

    AuditRoutes(Auditor auditor, io.homeostat.core.time.Clock clock) {
        this.auditor = auditor;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/audit", Access.VIEWER,
                "Audit records, oldest first; from defaults to 24 h ago, to to now; at most limit (default 1000):"
                        + " when more match, truncated is true and nextFrom is where the next page starts",
                List.of("from", "to", "actor", "action", "target", "limit"), this::query));
    }

    private void query(Context ctx) {
        Instant to = Params.instant(ctx, "to").orElse(clock.instant().plusSeconds(1));
        Instant from = Params.instant(ctx, "from").orElse(to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from", "must be before to");
        }
        int limit = Params.limit(ctx, AuditQuery.DEFAULT_LIMIT, 10_000);
        AuditQuery query = AuditQuery.between(from, to).limit(limit + 1); // one more tells whether more are left
        query = Params.text(ctx, "actor").map(query::actor).orElse(query);
        query = Params.text(ctx, "action").map(query::action).orElse(query);
        query = Params.text(ctx, "target").map(query::target).orElse(query);
        auditor.log().flush();
        List<AuditRecord> records = auditor.log().query(query);
        Map<String, Object> body = new LinkedHashMap<>();
        boolean truncated = records.size() > limit;
        body.put("records", truncated ? records.subList(0, limit) : records);
        body.put("truncated", truncated);
        if (truncated) {
            // the next page starts at the first record left out (records of one instant may repeat)
            body.put("nextFrom", records.get(limit).time());
        }
        ctx.json(body);
    }
}
