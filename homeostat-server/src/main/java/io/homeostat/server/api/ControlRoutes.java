package io.homeostat.server.api;

import io.homeostat.core.control.UnknownControlTargetException;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.engine.execute.RecoveryFlags;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.port.RecoverySwitch;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The run-time switches: the degradation level ({@code GET}/{@code POST /api/v1/degradation}) and
 * the flags ({@code GET /api/v1/flags}, {@code POST /api/v1/flags/{name}}): the application's
 * feature toggles by name, plus recovery's kill switch ({@code recovery.kill-switch}), automation
 * mode ({@code recovery.mode}) and recovery turned on or off for one service
 * ({@code recovery.service:NAME}), one action ({@code recovery.action:NAME}) or one risk level
 * ({@code recovery.risk:LOW|MEDIUM|HIGH}). Changes need an operator and are audited; recovery's
 * switches are also kept in the store and restored at the next start.
 */
final class ControlRoutes {

    /** Recovery's kill switch: {@code enabled: true} stops every run and step. */
    static final String KILL_SWITCH = "recovery.kill-switch";
    /** Recovery's automation mode: {@code value} one of {@link AutomationMode}. */
    static final String MODE = "recovery.mode";
    /** Recovery of one service: {@code recovery.service:orders}, {@code enabled: false} turns it off. */
    static final String SERVICE = "recovery.service:";
    /** One recovery action: {@code recovery.action:restart_process}. */
    static final String ACTION = "recovery.action:";
    /** Every action of one risk level: {@code recovery.risk:HIGH}. */
    static final String RISK = "recovery.risk:";

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
                        "Feature toggles (on or off now, and any override) and recovery's switches: kill switch, mode, "
                                + "services, actions and risk levels turned off, and who set each", List.of(),
                        ctx -> ctx.json(flags())),
                ApiRoute.post("/api/v1/flags/{name}", Access.OPERATOR,
                        "Sets a flag (body: {\"enabled\":true|false|null,\"reason\":...}; for recovery.mode {\"value\":\"FULL\",...});"
                                + " recovery.service:NAME, recovery.action:NAME and recovery.risk:LEVEL with enabled false turn "
                                + "recovery of it off (kept across restarts)",
                        this::setFlag).withResponses(ApiRoute.ok(),
                        ApiResponse.error(503, "the store could not keep a recovery switch: it holds until a restart")));
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
        RecoveryFlags now = loop.recoverySwitches().flags();
        Map<String, Object> recovery = new LinkedHashMap<>();
        recovery.put("killSwitch", now.killed());
        recovery.put("mode", now.mode());
        recovery.put("disabledServices", now.disabledServices());
        recovery.put("disabledActions", now.disabledActions());
        recovery.put("disabledRisks", now.disabledRisks());
        // who set each switch last, and when (kept in the store); the switches above hold without it
        try {
            recovery.put("switches", loop.recoverySwitches().stored().stream().map(ControlRoutes::switchJson).toList());
        } catch (StoreUnavailableException e) {
            recovery.put("switches", List.of());
            recovery.put("switchesUnavailable", e.getMessage());
        }
        body.put("recovery", recovery);
        return body;
    }

    private void setFlag(Context ctx) {
        String name = ctx.pathParam("name");
        FlagRequest request = ctx.bodyAsClass(FlagRequest.class);
        String reason = new ActionRequest(request.reason()).checkedReason();
        Principal principal = Authorizer.principal(ctx);
        String value;
        Instant now = loop.scheduler().clock().instant();
        if (name.equals(MODE)) {
            if (request.value() == null) {
                throw new BadRequestException("value", "missing: one of " + Arrays.toString(AutomationMode.values()));
            }
            AutomationMode mode = parse(AutomationMode.class, "value", request.value());
            value = mode.name();
            setSwitch(principal, name, reason, value, RecoverySwitch.mode(mode, principal.actor(), reason, now));
        } else if (name.equals(KILL_SWITCH)) {
            boolean on = required(request, "true turns the kill switch on, false off");
            value = Boolean.toString(on);
            setSwitch(principal, name, reason, value, RecoverySwitch.killSwitch(on, principal.actor(), reason, now));
        } else if (name.startsWith(SERVICE) || name.startsWith(ACTION) || name.startsWith(RISK)) {
            boolean enabled = required(request, "true lets recovery act on it again, false turns recovery of it off");
            value = Boolean.toString(enabled);
            setSwitch(principal, name, reason, value, recoverySwitch(name, enabled, principal.actor(), reason, now));
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
                        + KILL_SWITCH + ", " + MODE + ", " + SERVICE + "NAME, " + ACTION + "NAME or " + RISK + "LEVEL");
            }
        }
        auditor.record(principal, "flag.set", "flag:" + name, reason, Map.of("value", value));
        ctx.json(flags());
    }

    /** Sets a recovery switch; audited even when the store could not keep it (it holds until a restart). */
    private void setSwitch(Principal principal, String name, String reason, String value, RecoverySwitch setting) {
        try {
            loop.recoverySwitches().set(setting);
        } catch (StoreUnavailableException e) {
            auditor.record(principal, "flag.set", "flag:" + name, reason, Map.of("value", value, "stored", "false"));
            throw new ServiceUnavailableResponse(name + " " + e.getMessage());
        }
    }

    private static boolean required(FlagRequest request, String meaning) {
        if (request.enabled() == null) {
            throw new BadRequestException("enabled", "missing: " + meaning);
        }
        return request.enabled();
    }

    private RecoverySwitch recoverySwitch(String name, boolean enabled, String actor, String reason, Instant now) {
        try {
            if (name.startsWith(SERVICE)) {
                return RecoverySwitch.service(name.substring(SERVICE.length()), enabled, actor, reason, now);
            }
            if (name.startsWith(ACTION)) {
                String action = name.substring(ACTION.length());
                Set<String> known = loop.actions().names();
                if (!known.contains(action)) {
                    // A misspelt action would be stored and listed, and block nothing.
                    throw new BadRequestException("name", "unknown action '" + action + "': one of " + new TreeSet<>(known));
                }
                return RecoverySwitch.action(action, enabled, actor, reason, now);
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("name", e.getMessage());
        }
        return RecoverySwitch.risk(parse(RiskLevel.class, "name", name.substring(RISK.length())), enabled, actor, reason, now);
    }

    private static Map<String, Object> switchJson(RecoverySwitch setting) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flag", switch (setting.kind()) {
            case KILL_SWITCH -> KILL_SWITCH;
            case MODE -> MODE;
            case SERVICE -> SERVICE + setting.target();
            case ACTION -> ACTION + setting.target();
            case RISK -> RISK + setting.target();
        });
        json.put("value", setting.kind() == RecoverySwitch.Kind.MODE ? setting.mode().name() : setting.enabled());
        json.put("actor", setting.actor());
        json.put("reason", setting.reason());
        json.put("time", setting.time());
        return json;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "unknown value '" + value + "': one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
