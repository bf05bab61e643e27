package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.alert.SilenceNotStoredException;
import io.homeostat.engine.detect.Severity;
import io.homeostat.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Alert silences: list for viewers; create and delete (expire) for operators, audited
 * ({@code api.silence.create}, {@code api.silence.delete}). A silence that runs out is audited by
 * alerting itself when it ends ({@value Alerting#SILENCE_EXPIRED}, actor {@value Auditor#SYSTEM}),
 * as every silence is, however it was made. A silence mutes the alerts whose labels equal every
 * matcher (a severity in any case), from now for {@code minutes}; a matcher that could never match,
 * on a label no alert carries ({@link Labels#NAMES}) or on a severity that is none, is refused.
 * Silences are kept in the store and outlive a restart; when the store does not take a change, the
 * change holds in this process all the same, is audited with {@code stored=false}, and the answer is
 * a 503 saying a restart will not see it.
 */
final class SilenceRoutes {

    /** The body of a new silence: labels to match exactly, how long in minutes (1 to 10,080), and why. */
    record SilenceRequest(Map<String, String> matchers, Integer minutes, String comment) {}

    private final Alerting alerting;
    private final Auditor auditor;
    private final Clock clock;

    SilenceRoutes(Alerting alerting, Auditor auditor, Clock clock) {
        this.alerting = alerting;
        this.auditor = auditor;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/alerts/silences", Access.VIEWER, "Every silence, in force or not yet expired",
                        List.of(), ctx -> ctx.json(Map.of("silences", alerting.silences()))),
                ApiRoute.post("/api/v1/alerts/silences", Access.OPERATOR,
                        "Silences alerts whose labels match (body: {\"matchers\":{\"service\":\"payments\"},\"minutes\":N,\"comment\":...};"
                                + " minutes, in [1, 10080], and comment are required); "
                                + "labels: " + String.join(", ", Labels.NAMES) + ", a severity in any case",
                        this::create).withResponses(ApiResponse.json(201, "created: the silence")),
                ApiRoute.delete("/api/v1/alerts/silences/{id}", Access.OPERATOR, "Ends a silence now", this::expire));
    }

    private void create(Context ctx) {
        SilenceRequest request = ctx.bodyAsClass(SilenceRequest.class);
        if (request.matchers() == null || request.matchers().isEmpty()) {
            throw new BadRequestException("matchers", "missing: at least one label to match, e.g. {\"service\":\"payments\"}");
        }
        List<Matcher> matchers = request.matchers().entrySet().stream().map(e -> {
            if (e.getKey().isBlank() || e.getValue() == null || e.getValue().isBlank()) {
                throw new BadRequestException("matchers", "labels and values must not be blank");
            }
            return matcher(e.getKey(), e.getValue());
        }).toList();
        if (request.minutes() == null) {
            throw new BadRequestException("minutes", "missing: how long, in minutes");
        }
        if (request.minutes() < 1 || request.minutes() > 10_080) {
            throw new BadRequestException("minutes", "must be in [1, 10080], was " + request.minutes());
        }
        String comment = ActionRequest.why("comment", request.comment());
        Principal principal = Authorizer.principal(ctx);
        Instant now = clock.instant();
        Silence silence;
        try {
            silence = alerting.silence(matchers, now, now.plus(Duration.ofMinutes(request.minutes())),
                    principal.actor(), comment);
        } catch (SilenceNotStoredException e) {
            // in force all the same: audited as made, and the caller hears a restart will forget it
            auditor.record(principal, "silence.create", "silence:" + e.silence().id(), comment, Map.of("matchers",
                    matchers.toString(), "endsAt", e.silence().endsAt().toString(), "stored", "false"));
            throw new ServiceUnavailableResponse(e.getMessage());
        }
        auditor.record(principal, "silence.create", "silence:" + silence.id(), comment,
                Map.of("matchers", matchers.toString(), "endsAt", silence.endsAt().toString()));
        ctx.status(201).json(silence);
    }

    /**
     * {@code label=value}, refused when it could never match: a label no alert carries, or a
     * severity that is none (any case: {@code HIGH} matches {@code high}).
     */
    private static Matcher matcher(String label, String value) {
        String field = "matchers." + label;
        if (!Labels.NAMES.contains(label)) {
            throw new BadRequestException(field, "no alert carries this label, so the silence would mute nothing; "
                    + "alerts carry " + String.join(", ", Labels.NAMES));
        }
        if (label.equals(Labels.SEVERITY) && Arrays.stream(Severity.values())
                .noneMatch(severity -> severity.name().equalsIgnoreCase(value))) {
            throw new BadRequestException(field, "must be one of " + Arrays.stream(Severity.values())
                    .map(severity -> severity.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + "; was " + value);
        }
        return Matcher.eq(label, value);
    }

    private void expire(Context ctx) {
        String id = ctx.pathParam("id");
        Principal principal = Authorizer.principal(ctx);
        try {
            if (!alerting.expire(id, principal.actor())) {
                throw new NotFoundResponse("no silence in force with id '" + id + "'");
            }
        } catch (SilenceNotStoredException e) {
            auditor.record(principal, "silence.delete", "silence:" + id, "ended by " + principal.actor(),
                    Map.of("stored", "false"));
            throw new ServiceUnavailableResponse(e.getMessage());
        }
        auditor.record(principal, "silence.delete", "silence:" + id, "ended by " + principal.actor(), Map.of());
        ctx.status(204);
    }
}
