package io.homeostat.server.cli;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.server.EnvironmentOverrides;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.ServerConfigFile;
import io.homeostat.store.jdbc.StoreConfig;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The server's and the store's settings as a command sees them: defaults, then the
 * configuration file, then {@code HOMEOSTAT_...} variables, then the command's own options.
 * {@code overrides} is the last two as a function of the file's settings, so a reload of the file
 * can tell which of its changes would take effect. Immutable.
 */
record Settings(ServerConfig server, StoreConfig store, Optional<Path> configFile, UnaryOperator<ServerConfig> overrides) {

    /** Why the settings could not be made; the message says which file, variable or option. */
    static final class InvalidSettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSettingsException(String message) {
            super(message);
        }
    }

    /**
     * @param file the configuration file, or null for none
     * @param host, port, data the command's options, null where not given
     * @throws InvalidSettingsException naming the file, variable or option at fault
     */
    static Settings resolve(Path file, Map<String, String> environment, String host, Integer port, Path data) {
        ServerConfig server = ServerConfig.defaults();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidSettingsException("--config " + file + ": no such file");
            }
            try {
                server = ServerConfigFile.apply(file, server);
            } catch (ConfigException e) {
                throw new InvalidSettingsException(e.getMessage());
            } catch (UncheckedIOException e) {
                throw new InvalidSettingsException("--config: " + e.getMessage());
            }
        }
        UnaryOperator<ServerConfig> overrides = fileSettings -> overridden(fileSettings, environment, host, port, data);
        server = overrides.apply(server);
        StoreConfig store;
        try {
            store = EnvironmentOverrides.apply(environment, HomeostatServer.embeddedStore(server));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("environment: " + e.getMessage());
        }
        return new Settings(server, store, Optional.ofNullable(file), overrides);
    }

    /** {@code server} with the variables of {@code environment}, then the options given, applied. */
    private static ServerConfig overridden(ServerConfig server, Map<String, String> environment, String host, Integer port,
            Path data) {
        try {
            server = EnvironmentOverrides.apply(environment, server);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("environment: " + e.getMessage());
        }
        try {
            server = server.withAddress(host != null ? host : server.host(), port != null ? port : server.port());
            if (data != null) {
                if (data.toString().isBlank()) {
                    throw new InvalidSettingsException("--data must not be empty (use . for the current directory)");
                }
                server = server.withDataDirectory(data);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage());
        }
        return server;
    }
}
