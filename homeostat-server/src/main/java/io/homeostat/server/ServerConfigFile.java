package io.homeostat.server;

import io.homeostat.engine.config.ConfigNode;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.plan.DegradationPolicyReader;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads the server's part of {@code homeostat.yaml}: the {@code server} section ({@code host},
 * {@code port}, {@code data}) and the {@code degradation} section (automatic degradation, as
 * {@link DegradationPolicyReader} reads it; absent, the default policy stays); any other key is refused with its file,
 * line and key, so that a file written for a later version fails loudly instead of being
 * half-applied. Detector rules, workflows and flags come with the configuration model.
 *
 * <p>Thread-safe (no state).
 */
public final class ServerConfigFile {

    private ServerConfigFile() {}

    /**
     * {@code base} with the values {@code file} sets.
     *
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key if the file is
     *     malformed, has an unknown key or a value out of range
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static ServerConfig apply(Path file, ServerConfig base) {
        ConfigNode root = YamlConfigReader.read(file).requireKeys(Set.of("server", "degradation"));
        if (root.field("degradation").isPresent()) {
            base = base.withDegradation(DegradationPolicyReader.readSection(root.required("degradation")));
        }
        if (root.field("server").isEmpty()) {
            return base;
        }
        ConfigNode server = root.required("server").requireKeys(Set.of("host", "port", "data"));
        String host = server.field("host").map(ConfigNode::asString).orElse(base.host());
        int port = base.port();
        if (server.field("port").isPresent()) {
            ConfigNode node = server.required("port");
            port = node.asInt();
            if (port < 0 || port > 65_535) {
                throw node.error("must be in [0, 65535]");
            }
        }
        Path data = server.field("data").map(node -> Path.of(node.asString())).orElse(base.dataDirectory());
        return base.withAddress(host, port).withDataDirectory(data);
    }
}
