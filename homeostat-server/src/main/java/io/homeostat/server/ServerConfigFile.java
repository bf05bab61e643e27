package io.homeostat.server;

import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.DegradationPolicyReader;
import io.homeostat.server.ingest.RedisSignalSource;
import io.homeostat.server.runtime.AlertingSection;
import io.homeostat.server.runtime.LoopConfig;
import io.homeostat.server.runtime.Retention;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code homeostat.yaml}: the {@code server} section ({@code host}, {@code port},
 * {@code data}), the {@code degradation} section (automatic degradation, as
 * {@link DegradationPolicyReader} reads it; absent, the default policy stays) and the
 * {@code retention} section ({@code raw_days}, {@code rollup_days}, {@code period},
 * {@code rollup_period}; see {@link Retention}) and the {@code incidents} section ({@code hold},
 * {@code correlation_window}, {@code flap_threshold}, {@code flap_window}; see
 * {@link IncidentTrackerConfig}) and the {@code alerting} section (receivers, routes, on-call; see
 * {@link AlertingSection}) and the {@code redis} section (the stream applications publish signals to:
 * {@code url}, {@code prefix}, {@code stream}, {@code group}), which take effect at start; and the sections a
 * running loop takes on {@code POST /api/v1/config/reload} ({@code detection}, {@code diagnosis},
 * {@code workflows}, {@code flags}; see {@link LoopConfigSections}). Any other key is refused with
 * its file, line and key, so that a file written for a later version fails loudly instead of being
 * half-applied. The whole file is checked before anything is used.
 *
 * <p>Thread-safe (no state).
 */
public final class ServerConfigFile {

    /** The fields of {@link IncidentTrackerConfig} its errors name, as the {@code incidents} section's keys. */
    private static final Map<String, String> INCIDENT_KEYS = Map.of("holdPeriod", "hold",
            "correlationWindow", "correlation_window", "flapThreshold", "flap_threshold", "flapWindow", "flap_window");

    /** The sections read at start only. */
    private static final Set<String> START_SECTIONS = Set.of("server", "degradation", "retention", "incidents",
            "alerting", "redis");

    private ServerConfigFile() {}

    /**
     * What a file holds: the server's settings and the loop's. Immutable.
     *
     * @param server the settings given as {@code base}, with the file's values
     * @param loop the loop's rules, workflows and flags (the shipped defaults where absent)
     */
    public record Contents(ServerConfig server, LoopConfig loop) {}

    /**
     * {@code base} with the values {@code file} sets; the loop's sections are checked too.
     *
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key if the file is
     *     malformed, has an unknown key or a value out of range
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static ServerConfig apply(Path file, ServerConfig base) {
        return read(file, base, ActionCatalog.of(List.of())).server();
    }

    /**
     * Everything {@code file} holds, read and checked whole.
     *
     * @param base the server settings the file's values go over
     * @param actions the actions the loop has, which workflow steps may name and which check the
     *     parameters steps give them; empty to skip those checks
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key of the first error
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Contents read(Path file, ServerConfig base, ActionCatalog actions) {
        Set<String> keys = new HashSet<>(START_SECTIONS);
        keys.addAll(LoopConfigSections.KEYS);
        // A section written with nothing under it ("detection:") is a section left out.
        ConfigNode root = YamlConfigReader.read(file).requireKeys(keys).withoutEmptyFields();
        Set<String> startSections = new HashSet<>(root.fields().keySet());
        startSections.retainAll(START_SECTIONS);
        return new Contents(server(root, base), LoopConfigSections.read(root, actions).alsoFromFile(startSections));
    }

    private static ServerConfig server(ConfigNode root, ServerConfig base) {
        if (root.field("degradation").isPresent()) {
            base = base.withDegradation(DegradationPolicyReader.readSection(root.required("degradation")));
        }
        if (root.field("retention").isPresent()) {
            base = base.withRetention(retention(root.required("retention"), base.retention()));
        }
        if (root.field("incidents").isPresent()) {
            base = base.withIncidents(incidents(root.required("incidents")));
        }
        if (root.field("alerting").isPresent()) {
            base = base.withAlerting(AlertingSection.read(root.required("alerting"), System.getenv()));
        }
        if (root.field("redis").isPresent()) {
            base = base.withRedis(redis(root.required("redis")));
        }
        if (root.field("server").isEmpty()) {
            return base;
        }
        ConfigNode server = root.required("server").requireKeys(Set.of("host", "port", "data"));
        String host = server.field("host").map(ServerConfigFile::nonBlank).orElse(base.host());
        int port = base.port();
        if (server.field("port").isPresent()) {
            ConfigNode node = server.required("port");
            port = node.asInt();
            if (port < 0 || port > 65_535) {
                throw node.error("must be in [0, 65535]");
            }
        }
        Path data = server.field("data").map(ServerConfigFile::path).orElse(base.dataDirectory());
        return base.withAddress(host, port).withDataDirectory(data);
    }

    /** The {@code redis} section: {@code url} (required), {@code prefix}, {@code stream}, {@code group}. */
    private static RedisSignalSource.Settings redis(ConfigNode node) {
        node.requireKeys(Set.of("url", "prefix", "stream", "group"));
        ConfigNode urlNode = node.required("url");
        URI url;
        try {
            url = new URI(nonBlank(urlNode));
        } catch (URISyntaxException e) {
            throw urlNode.error("is not a URL: " + e.getReason());
        }
        RedisSignalSource.Settings settings;
        try {
            settings = RedisSignalSource.Settings.at(url);
        } catch (IllegalArgumentException e) {
            throw urlNode.error(e.getMessage());
        }
        ConfigNode prefix = node.field("prefix").orElse(node);
        try {
            return new RedisSignalSource.Settings(url,
                    node.field("prefix").map(ServerConfigFile::nonBlank).orElse(settings.prefix()),
                    node.field("stream").map(ServerConfigFile::nonBlank).orElse(settings.stream()),
                    node.field("group").map(ServerConfigFile::nonBlank).orElse(settings.group()));
        } catch (IllegalArgumentException e) {
            throw prefix.error(e.getMessage()); // the prefix is the one value with rules beyond not blank
        }
    }

    private static String nonBlank(ConfigNode node) {
        String text = node.asString().strip();
        if (text.isEmpty()) {
            throw node.error("must not be empty");
        }
        return text;
    }

    private static Path path(ConfigNode node) {
        String text = nonBlank(node);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw node.error("is not a path: " + e.getReason());
        }
    }

    private static Retention retention(ConfigNode node, Retention base) {
        node.requireKeys(Set.of("raw_days", "rollup_days", "period", "rollup_period"));
        int raw = node.field("raw_days").map(ConfigNode::asInt).orElse(base.rawDays());
        int rollups = node.field("rollup_days").map(ConfigNode::asInt).orElse(base.rollupDays());
        Duration period = node.field("period").map(ConfigNode::asDuration).orElse(base.period());
        Duration rollupPeriod = node.field("rollup_period").map(ConfigNode::asDuration).orElse(base.rollupPeriod());
        try {
            return new Retention(raw, rollups, period, rollupPeriod);
        } catch (IllegalArgumentException e) {
            throw keyError(node, e.getMessage());
        }
    }

    /**
     * The {@code incidents} section over the defaults. The tracker's tick follows a hold shorter than
     * its default 10 s (a tick may not be longer than the hold).
     */
    private static IncidentTrackerConfig incidents(ConfigNode node) {
        node.requireKeys(Set.copyOf(INCIDENT_KEYS.values()));
        IncidentTrackerConfig base = IncidentTrackerConfig.ofDefaults();
        Duration hold = node.field("hold").map(ConfigNode::asDuration).orElse(base.holdPeriod());
        Duration correlation = node.field("correlation_window").map(ConfigNode::asDuration)
                .orElse(base.correlationWindow());
        int flapThreshold = node.field("flap_threshold").map(ConfigNode::asInt).orElse(base.flapThreshold());
        Duration flapWindow = node.field("flap_window").map(ConfigNode::asDuration).orElse(base.flapWindow());
        Duration tick = base.tickInterval().compareTo(hold) > 0 ? hold : base.tickInterval();
        try {
            return new IncidentTrackerConfig(correlation, hold, flapThreshold, flapWindow, tick);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            for (Map.Entry<String, String> field : INCIDENT_KEYS.entrySet()) {
                message = message.replace(field.getKey(), field.getValue());
            }
            throw keyError(node, message);
        }
    }

    /** {@code message}, which starts with the key it is about, as an error at that key of {@code section}. */
    private static RuntimeException keyError(ConfigNode section, String message) {
        int end = message.indexOf(' ');
        return section.field(end < 0 ? message : message.substring(0, end)).orElse(section).error(message);
    }
}
