package io.homeostat.engine.config;

import java.util.Objects;

/**
 * A configuration that cannot be used: bad YAML, a value of the wrong type or out of range, a
 * missing or unknown key. The message names the place the way a compiler does, e.g.
 * {@code rules.yaml:12:5: rules[2].for: must be a duration like 30s}. Immutable.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ConfigLocation location;
    private final String path;
    private final String problem;

    /**
     * @param location where the offending value (or the map missing a key) is
     * @param path the key path, e.g. {@code rules[2].for}; empty for the document itself
     * @param problem what is wrong, for people, e.g. {@code must be a duration like 30s}
     */
    public ConfigException(ConfigLocation location, String path, String problem) {
        this(location, path, problem, null);
    }

    /** As {@link #ConfigException(ConfigLocation, String, String)}, keeping the cause. */
    public ConfigException(ConfigLocation location, String path, String problem, Throwable cause) {
        super(format(location, path, problem), cause);
        this.location = Objects.requireNonNull(location, "location");
        this.path = Objects.requireNonNull(path, "path");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Where the problem is. */
    public ConfigLocation location() {
        return location;
    }

    /** The key path, e.g. {@code rules[2].for}; empty for the document itself. */
    public String path() {
        return path;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }

    private static String format(ConfigLocation location, String path, String problem) {
        return path.isEmpty() ? location + ": " + problem : location + ": " + path + ": " + problem;
    }
}
