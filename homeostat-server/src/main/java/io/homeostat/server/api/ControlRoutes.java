package io.homeostat.server.api;

import io.homeostat.core.control.UnknownControlTargetException;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run-time switches: the degradation level ({@code GET}/{@code POST /api/v1/degradation}) and
 * the flags ({@code GET /api/v1/flags}, {@code POST /api/v1/flags/{name}}): the application's
 * feature toggles by name, plus recovery's kill switch ({@code recovery.kill-switch}) and
 * automation mode ({@code recovery.mode}). Changes need an operator and are audited.
 */
final class ControlRoutes {

    /** Recovery's kill switch: {@code enabled: true} stops every run and step. */
    static final String KILL_SWITCH = "recovery.kill-switch";
    /** Recovery's automation mode: {@code value} one of {@link AutomationMode}. */
    static final String MODE = "recovery.mode";

    /** The body of a level change. */
    record LevelRequest(String level, String reason) {}

    /**
     * The body of a flag change: {@code enabled} true or false forces a feature (or the kill
     * switch); null clears a feature's override; {@code value} is the mode for {@code recovery.mode}.
     */
    record FlagRequest(Boolean enabled, String value, String reason) {}

    private final ControlLoop loop;
    private final Auditor auditor;

    ControlRoutes(ControlLoop loop, Auditor auditor) {
        this.loop = loop;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/degradation", Access.VIEWER, "The degradation level now and its last change",
                        List.of(), ctx -> ctx.json(level())),
                ApiRoute.post("/api/v1/degradation", Access.OPERATOR,
                        "Sets the degradation level (body: {\"level\":\"FULL|REDUCED|ESSENTIAL|READ_ONLY|MAINTENANCE\",\"reason\":...})",
                        this::setLevel),
                ApiRoute.get("/api/v1/flags", Access.VIEWER,
                        "Feature toggles (on or off now, and any override) and recovery's kill switch and mode", List.of(),
                        ctx -> ctx.json(flags())),
                ApiRoute.post("/api/v1/flags/{name}", Access.OPERATOR,
                        "Sets a flag (body: {\"enabled\":true|false|null,\"reason\":...}; for recovery.mode {\"value\":\"FULL\",...})",
                        this::setFlag));
    }

    private Map<String, Object> level() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("level", loop.degradation().level());
        body.put("levels", DegradationLevel.values());
        body.put("lastChange", loop.degradation().lastChange().orElse(null));
        return body;
    }

    private void setLevel(Context ctx) {
        LevelRequest request = ctx.bodyAsClass(LevelRequest.class);
        if (request.level() == null || request.level().isBlank()) {
            throw new BadRequestException("level", "missing: one of " + Arrays.toString(DegradationLevel.values()));
        }
        DegradationLevel level = parse(DegradationLevel.class, "level", request.level());
        String reason = new ActionRequest(request.reason()).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        DegradationLevel before = loop.control().setDegradation(level, principal.actor() + ": " + reason);
        auditor.record(principal, "degradation.set", "degradation", reason, Map.of("from", before.name(), "to", level.name()));
        ctx.json(level());
    }

    private Map<String, Object> flags() {
        Map<String, Object> features = new TreeMap<>();
        loop.toggles().snapshot().forEach((name, on) -> {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("enabled", on);
            feature.put("override", loop.toggles().override(name).orElse(null));
            features.put(name, feature);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("features", features);
        body.put("recovery", Map.of("killSwitch", loop.recovery().flags().killed(), "mode", loop.recovery().flags().mode()));
        return body;
    }

    private void setFlag(Context ctx) {
        String name = ctx.pathParam("name");
        FlagRequest request = ctx.bodyAsClass(FlagRequest.class);
        String reason = new ActionRequest(request.reason()).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        String value;
        if (name.equals(MODE)) {
            if (request.value() == null) {
                throw new BadRequestException("value", "missing: one of " + Arrays.toString(AutomationMode.values()));
            }
            AutomationMode mode = parse(AutomationMode.class, "value", request.value());
            loop.recovery().flags().mode(mode);
            value = mode.name();
        } else if (name.equals(KILL_SWITCH)) {
            if (request.enabled() == null) {
                throw new BadRequestException("enabled", "missing: true turns the kill switch on, false off");
            }
            loop.recovery().flags().kill(request.enabled());
            value = request.enabled().toString();
        } else {
            try {
                if (request.enabled() == null) {
                    loop.control().clearFeature(name, principal.actor() + ": " + reason);
                    value = "cleared";
                } else {
                    loop.control().setFeature(name, request.enabled(), principal.actor() + ": " + reason);
                    value = request.enabled().toString();
                }
            } catch (UnknownControlTargetException e) {
                throw new NotFoundResponse("no flag named '" + name + "': register the feature in the server's toggles, or use "
                        + KILL_SWITCH + " or " + MODE);
            }
        }
        auditor.record(principal, "flag.set", "flag:" + name, reason, Map.of("value", value));
        ctx.json(flags());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "unknown value '" + value + "': one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
