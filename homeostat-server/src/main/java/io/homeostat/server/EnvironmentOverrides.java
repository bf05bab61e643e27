package io.homeostat.server;

import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code HOMEOSTAT_...} environment variables over the configuration file (and under the command
 * line's options): {@code HOMEOSTAT_SERVER_HOST}, {@code HOMEOSTAT_SERVER_PORT},
 * {@code HOMEOSTAT_SERVER_DATA} as the file's {@code server.host}, {@code server.port},
 * {@code server.data}; {@code HOMEOSTAT_STORE_URL}, {@code HOMEOSTAT_STORE_USER},
 * {@code HOMEOSTAT_STORE_PASSWORD} for the database instead of the embedded H2 (the spool stays
 * under the data directory). Any other {@code HOMEOSTAT_SERVER_*} or {@code HOMEOSTAT_STORE_*}
 * variable is refused, so that a misspelt one fails loudly instead of being ignored; other
 * {@code HOMEOSTAT_*} names (e.g. the CLI's {@code HOMEOSTAT_TOKEN}) are not this class's.
 *
 * <p>Thread-safe (no state).
 */
public final class EnvironmentOverrides {

    /** The variables understood. */
    public static final Set<String> NAMES = Set.of("HOMEOSTAT_SERVER_HOST", "HOMEOSTAT_SERVER_PORT",
            "HOMEOSTAT_SERVER_DATA", "HOMEOSTAT_STORE_URL", "HOMEOSTAT_STORE_USER", "HOMEOSTAT_STORE_PASSWORD");

    private EnvironmentOverrides() {}

    /**
     * {@code base} with the server variables of {@code environment} applied.
     *
     * @throws IllegalArgumentException naming the variable if one is unknown, empty or out of range
     */
    public static ServerConfig apply(Map<String, String> environment, ServerConfig base) {
        Objects.requireNonNull(base, "base");
        refuseUnknown(environment);
        String host = value(environment, "HOMEOSTAT_SERVER_HOST", base.host());
        int port = base.port();
        String portText = environment.get("HOMEOSTAT_SERVER_PORT");
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                throw invalid("HOMEOSTAT_SERVER_PORT", portText, "must be an integer in [0, 65535]");
            }
            if (port < 0 || port > 65_535) {
                throw invalid("HOMEOSTAT_SERVER_PORT", portText, "must be in [0, 65535]");
            }
        }
        Path data = base.dataDirectory();
        String dataText = environment.get("HOMEOSTAT_SERVER_DATA");
        if (dataText != null) {
            try {
                data = Path.of(nonEmpty("HOMEOSTAT_SERVER_DATA", dataText));
            } catch (InvalidPathException e) {
                throw invalid("HOMEOSTAT_SERVER_DATA", dataText, "is not a path: " + e.getReason());
            }
        }
        return base.withAddress(host, port).withDataDirectory(data);
    }

    /**
     * {@code base} with the database variables of {@code environment} applied:
     * {@code HOMEOSTAT_STORE_URL} (a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL) with
     * {@code HOMEOSTAT_STORE_USER} and {@code HOMEOSTAT_STORE_PASSWORD} (default empty).
     *
     * @throws IllegalArgumentException naming the variable if one is unknown or invalid, or if a
     *     user or password is set without a URL
     */
    public static StoreConfig apply(Map<String, String> environment, StoreConfig base) {
        Objects.requireNonNull(base, "base");
        refuseUnknown(environment);
        String url = environment.get("HOMEOSTAT_STORE_URL");
        if (url == null) {
            for (String name : new String[] {"HOMEOSTAT_STORE_USER", "HOMEOSTAT_STORE_PASSWORD"}) {
                if (environment.containsKey(name)) {
                    throw new IllegalArgumentException(name + " is set but HOMEOSTAT_STORE_URL is not: set both or neither");
                }
            }
            return base;
        }
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw invalid("HOMEOSTAT_STORE_URL", url, "must be a jdbc:h2: or jdbc:postgresql: URL");
        }
        return base.withJdbc(url, environment.getOrDefault("HOMEOSTAT_STORE_USER", ""),
                environment.getOrDefault("HOMEOSTAT_STORE_PASSWORD", ""));
    }

    private static void refuseUnknown(Map<String, String> environment) {
        Set<String> unknown = new TreeSet<>();
        for (String name : environment.keySet()) {
            if ((name.startsWith("HOMEOSTAT_SERVER_") || name.startsWith("HOMEOSTAT_STORE_")) && !NAMES.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown environment variable " + String.join(", ", unknown)
                    + "; known: " + String.join(", ", new TreeSet<>(NAMES)));
        }
    }

    private static String value(Map<String, String> environment, String name, String otherwise) {
        String value = environment.get(name);
        return value == null ? otherwise : nonEmpty(name, value);
    }

    private static String nonEmpty(String name, String value) {
        if (value.isBlank()) {
            throw invalid(name, value, "must not be empty");
        }
        return value.strip();
    }

    private static IllegalArgumentException invalid(String name, String value, String problem) {
        return new IllegalArgumentException(name + "='" + value + "' " + problem);
    }
}
