package io.homeostat.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.engine.plan.Workflow;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The effective configuration: {@code GET /api/v1/config} (server, store and loop settings,
 * secrets redacted) and {@code POST /api/v1/config/reload} (501 until hot reload exists).
 */
final class ConfigRoutes {

    /** What stands in for a secret. */
    static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|credential|key).*");
    private static final Pattern SECRET_IN_URL = Pattern.compile("(?i)((?:password|pwd|secret|token)=)[^&;]*");

    private final ServerConfig server;
    private final ControlLoop loop;
    private final ObjectMapper mapper = new JacksonJson().mapper();

    ConfigRoutes(ServerConfig server, ControlLoop loop) {
        this.server = server;
        this.loop = loop;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/config", Access.VIEWER,
                        "The effective configuration (server, store, loop), with passwords and secrets redacted", List.of(),
                        ctx -> ctx.json(effective())),
                ApiRoute.post("/api/v1/config/reload", Access.ADMIN,
                        "Reloads homeostat.yaml without losing state; answers 501 while hot reload is not built",
                        this::reload));
    }

    Map<String, Object> effective() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", redact(mapper.convertValue(server, Map.class)));
        body.put("store", redact(mapper.convertValue(loop.store().config(), Map.class)));
        Map<String, Object> loopSettings = new LinkedHashMap<>();
        loopSettings.put("tick", ControlLoop.TICK.toString());
        loopSettings.put("settle", loop.diagnosis().settle().toString());
        loopSettings.put("automationMode", loop.recovery().flags().mode());
        loopSettings.put("killSwitch", loop.recovery().flags().killed());
        loopSettings.put("workflows", loop.workflows().workflows().stream().map(Workflow::name).toList());
        loopSettings.put("actions", new java.util.TreeSet<>(loop.actions().names()));
        body.put("loop", loopSettings);
        return body;
    }

    private void reload(Context ctx) {
        ctx.status(501).json(new ApiError(501, "hot reload is not available in this version: restart the server to apply "
                + "homeostat.yaml (GET /api/v1/config shows what is in effect)", ""));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> redact(Map<String, Object> settings) {
        Map<String, Object> out = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                out.put(key, redact((Map<String, Object>) nested));
            } else if (SECRET_KEY.matcher(key).matches() && value != null && !String.valueOf(value).isEmpty()) {
                out.put(key, REDACTED);
            } else if (value instanceof String text) {
                out.put(key, SECRET_IN_URL.matcher(text).replaceAll("$1" + REDACTED));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
