package io.homeostat.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.alert.config.AlertingConfig;
import io.homeostat.engine.alert.notify.Channel;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.server.ConfigReloader;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.auth.Principal;
import io.homeostat.server.ingest.RedisSignalSource;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.LoopConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The effective configuration: {@code GET /api/v1/config} (server, store and loop settings,
 * secrets redacted; the rules, workflows and flags in effect) and {@code POST /api/v1/config/reload}
 * (re-reads the {@code homeostat.yaml} the server was started with; see {@link ConfigReloader}).
 * Every reload, applied or refused, is in the audit trail as {@code api.config.reload} or
 * {@code api.config.reload.refused} with the admin as actor and a summary of what changed.
 */
final class ConfigRoutes {

    /** What stands in for a secret. */
    static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|credential|key).*");
    private static final Pattern SECRET_IN_URL = Pattern.compile("(?i)((?:password|pwd|secret|token)=)[^&;]*");

    private final ServerConfig server;
    private final ControlLoop loop;
    private final ConfigReloader reloader;
    private final Auditor auditor;
    /** Shows the server's settings; the incident tracking and alerting in effect are shown with the loop's. */
    private final ObjectMapper mapper = new JacksonJson().mapper().copy()
            .addMixIn(ServerConfig.class, WithoutIncidents.class);

    @JsonIgnoreProperties({"incidents", "alerting", "redis"})
    private abstract static class WithoutIncidents {}

    ConfigRoutes(ServerConfig server, ControlLoop loop, ConfigReloader reloader, Auditor auditor) {
        this.server = server;
        this.loop = loop;
        this.reloader = reloader;
        this.auditor = auditor;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/config", Access.VIEWER,
                        "The effective configuration (server, store, loop: the threshold, trend and diagnosis rules, "
                                + "workflows and flags in effect), with passwords and secrets redacted", List.of(),
                        ctx -> ctx.json(effective())),
                new ApiRoute(HandlerType.POST, "/api/v1/config/reload", Access.ADMIN,
                        "Re-reads the homeostat.yaml the server was started with (--config) and swaps its detection "
                                + "rules, diagnosis rules, workflows and flags into the running loop without losing state "
                                + "(open incidents, baselines, breakers, runs under way keep their workflow, learned "
                                + "effectiveness). No body. 200: {file, summary, changes: {thresholdRules, trendRules, "
                                + "diagnosisRules, workflows, flags: {added, removed, changed}}, runsOnFormerWorkflow, "
                                + "restartRequired: settings such as server.port that apply only after a restart}. "
                                + "400: the file is invalid (the error names file:line:column: key) and nothing changed. "
                                + "409: the server was started without --config. Audited.",
                        List.of(), false, List.of(ApiRoute.ok()), this::reload));
    }

    Map<String, Object> effective() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", redact(mapper.convertValue(server, Map.class)));
        body.put("store", redact(mapper.convertValue(loop.store().config(), Map.class)));
        body.put("redis", server.redis().map(redis -> Map.of("url", RedisSignalSource.withoutUserInfo(redis.url()),
                "prefix", redis.prefix(), "stream", redis.stream(), "group", redis.group())).orElse(null));
        Map<String, Object> loopSettings = new LinkedHashMap<>();
        loopSettings.put("tick", ControlLoop.TICK.toString());
        loopSettings.put("settle", loop.diagnosis().settle().toString());
        IncidentTrackerConfig tracking = loop.tracker().config();
        loopSettings.put("incidents", Map.of("hold", tracking.holdPeriod().toString(),
                "correlationWindow", tracking.correlationWindow().toString(),
                "flapThreshold", tracking.flapThreshold(), "flapWindow", tracking.flapWindow().toString(),
                "tick", tracking.tickInterval().toString()));
        loopSettings.put("alerting", alerting(loop.alertingConfig(), loop.alerting().onCall()));
        loopSettings.put("automationMode", loop.recovery().flags().mode());
        loopSettings.put("killSwitch", loop.recovery().flags().killed());
        loopSettings.put("workflows", loop.workflows().workflows().stream().map(Workflow::name).toList());
        loopSettings.put("actions", new java.util.TreeSet<>(loop.actions().names()));
        body.put("loop", loopSettings);
        LoopConfig current = reloader.current();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", reloader.file().map(Object::toString).orElse(null));
        file.put("sectionsFromFile", new TreeSet<>(current.fromFile()));
        file.put("thresholdRules", current.thresholdRules());
        file.put("trendRules", current.trendRules());
        file.put("diagnosisRules", Map.of("version", current.diagnosisRules().version(),
                "rules", current.diagnosisRules().rules().stream().map(r -> r.name()).toList()));
        file.put("workflows", current.workflows().stream().map(Workflow::name).toList());
        file.put("flags", current.flags());
        body.put("configuration", file);
        return body;
    }

    /**
     * The receivers by name with their channels' names, and the on-call levels with their receivers,
     * people and who is on call now: no secrets.
     */
    private static Map<String, Object> alerting(AlertingConfig config, Map<String, String> onCallNow) {
        Map<String, Object> receivers = new LinkedHashMap<>();
        config.receivers().forEach(receiver -> receivers.put(receiver.name(),
                receiver.channels().stream().map(Channel::name).toList()));
        Map<String, Object> onCall = new LinkedHashMap<>();
        config.rotation().forEach(rotation -> rotation.levels().forEach(level -> onCall.put(level.name(),
                Map.of("receiver", level.receiver(), "people", level.people(), "shift", level.shift().toString(),
                        "now", onCallNow.getOrDefault(level.name(), "")))));
        return Map.of("receivers", receivers, "rootReceiver", config.route().receiver(), "onCall", onCall);
    }

    private void reload(Context ctx) {
        Principal principal = Authorizer.principal(ctx);
        String target = reloader.file().map(Object::toString).orElse("homeostat.yaml");
        ConfigReloader.Result result;
        try {
            result = reloader.reload();
        } catch (ConfigReloader.NoConfigFileException e) {
            auditor.record(principal, "config.reload.refused", target, e.getMessage(), Map.of());
            throw e; // 409, as the server answers it
        } catch (ConfigException | IllegalArgumentException | UncheckedIOException e) {
            String message = e.getMessage(); // a file that cannot be read says which and why
            auditor.record(principal, "config.reload.refused", target, message, Map.of());
            ctx.status(400).json(new ApiError(400, message + " (nothing was changed)",
                    e instanceof ConfigException located ? located.path() : ""));
            return;
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        result.changes().parts().forEach((part, diff) -> {
            if (!diff.isEmpty()) {
                evidence.put(part, diff.summary());
            }
        });
        if (!result.restartRequired().isEmpty()) {
            evidence.put("restartRequired", String.join(",", result.restartRequired()));
        }
        auditor.record(principal, "config.reload", target, result.summary(), evidence);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", result.file().toString());
        body.put("summary", result.summary());
        body.put("changes", result.changes().parts());
        body.put("runsOnFormerWorkflow", result.changes().runsOnFormerWorkflow());
        body.put("restartRequired", result.restartRequired());
        ctx.json(body);
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
