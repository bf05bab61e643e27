package io.homeostat.engine.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One value of a configuration document with the place it came from: a map (keys in document
 * order), a list, a scalar or a null. The {@code as...} accessors convert scalars and throw a
 * {@link ConfigException} naming the file, line, column and key path when the value does not fit,
 * so code that reads a configuration needs no error handling of its own.
 *
 * <p>Immutable and thread-safe. Created by {@link YamlConfigReader}.
 */
public final class ConfigNode {

    /** What a node holds. */
    public enum Kind {
        MAP,
        LIST,
        SCALAR,
        NULL
    }

    /** What a scalar looked like in the source, which decides what it may be converted to. */
    enum ScalarType {
        STRING,
        INTEGER,
        FLOAT,
        BOOLEAN
    }

    private final Kind kind;
    private final ConfigLocation location;
    private final String path;
    private final Map<String, ConfigNode> fields;
    private final Map<String, ConfigLocation> keyLocations;
    private final List<ConfigNode> elements;
    private final String text;
    private final ScalarType scalarType;

    private ConfigNode(Kind kind, ConfigLocation location, String path, Map<String, ConfigNode> fields,
            Map<String, ConfigLocation> keyLocations, List<ConfigNode> elements, String text, ScalarType scalarType) {
        this.kind = kind;
        this.location = location;
        this.path = path;
        this.fields = fields;
        this.keyLocations = keyLocations;
        this.elements = elements;
        this.text = text;
        this.scalarType = scalarType;
    }

    static ConfigNode map(ConfigLocation location, String path, LinkedHashMap<String, ConfigNode> fields,
            Map<String, ConfigLocation> keyLocations) {
        return new ConfigNode(Kind.MAP, location, path, Collections.unmodifiableMap(fields), Map.copyOf(keyLocations),
                List.of(), "", null);
    }

    static ConfigNode list(ConfigLocation location, String path, List<ConfigNode> elements) {
        return new ConfigNode(Kind.LIST, location, path, Map.of(), Map.of(), List.copyOf(elements), "", null);
    }

    static ConfigNode scalar(ConfigLocation location, String path, String text, ScalarType type) {
        return new ConfigNode(Kind.SCALAR, location, path, Map.of(), Map.of(), List.of(), text, type);
    }

    static ConfigNode nullNode(ConfigLocation location, String path) {
        return new ConfigNode(Kind.NULL, location, path, Map.of(), Map.of(), List.of(), "", null);
    }

    /** What this node holds. */
    public Kind kind() {
        return kind;
    }

    /** Where the value starts in its source. */
    public ConfigLocation location() {
        return location;
    }

    /** The key path from the document root, e.g. {@code rules[2].for}; empty for the root. */
    public String path() {
        return path;
    }

    /** An error about this node, to throw: {@code throw node.error("must be positive")}. */
    public ConfigException error(String problem) {
        return new ConfigException(location, path, problem);
    }

    /**
     * The entries of a map, in document order.
     *
     * @throws ConfigException if this node is not a map
     */
    public Map<String, ConfigNode> fields() {
        requireKind(Kind.MAP, "must be a map of keys to values");
        return fields;
    }

    /**
     * The value under {@code key}, if present (an explicit {@code null} is present, as a
     * {@link Kind#NULL} node).
     *
     * @throws ConfigException if this node is not a map
     */
    public Optional<ConfigNode> field(String key) {
        return Optional.ofNullable(fields().get(key));
    }

    /**
     * The value under {@code key}, which must be present and not null.
     *
     * @throws ConfigException if this node is not a map or the key is missing or null; the error
     *     points at this map and names the missing key's path
     */
    public ConfigNode required(String key) {
        ConfigNode value = fields().get(key);
        if (value == null || value.kind == Kind.NULL) {
            throw new ConfigException(location, childPath(key), "is required" + (value == null ? " but missing" : " but null"));
        }
        return value;
    }

    /**
     * Checks that this map has no keys other than {@code allowed}.
     *
     * @return this node
     * @throws ConfigException at the first unknown key (its line and column), listing the allowed ones
     */
    public ConfigNode requireKeys(Set<String> allowed) {
        for (Map.Entry<String, ConfigNode> entry : fields().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw new ConfigException(keyLocations.getOrDefault(entry.getKey(), entry.getValue().location),
                        entry.getValue().path,
                        "unknown key; expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    /**
     * The elements of a list.
     *
     * @throws ConfigException if this node is not a list
     */
    public List<ConfigNode> elements() {
        requireKind(Kind.LIST, "must be a list");
        return elements;
    }

    /**
     * The scalar as text, as written (numbers and booleans too).
     *
     * @throws ConfigException if this node is not a scalar
     */
    public String asString() {
        requireKind(Kind.SCALAR, "must be a single value");
        return text;
    }

    /**
     * The scalar as a finite number.
     *
     * @throws ConfigException if it is not a number
     */
    public double asDouble() {
        String value = asString();
        if (scalarType == ScalarType.BOOLEAN) {
            throw error("must be a number, was " + value);
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error("must be a number, was '" + value + "'");
    }

    /**
     * The scalar as a whole number.
     *
     * @throws ConfigException if it is not a whole number in the range of {@code long}
     */
    public long asLong() {
        String value = asString();
        try {
            if (scalarType != ScalarType.BOOLEAN) {
                return Long.parseLong(value.strip());
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error("must be a whole number, was '" + value + "'");
    }

    /**
     * The scalar as a whole number that fits an {@code int}.
     *
     * @throws ConfigException if it is not a whole number in the range of {@code int}
     */
    public int asInt() {
        long value = asLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error("must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    /**
     * The scalar as {@code true} or {@code false}: what YAML reads as a boolean (unquoted
     * {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off}, in lower case,
     * capitalised or upper case), or the text {@code "true"} or {@code "false"}.
     *
     * @throws ConfigException if it is neither
     */
    public boolean asBoolean() {
        String value = asString();
        if (scalarType == ScalarType.BOOLEAN) {
            return BOOLEAN_TRUE.contains(value.toLowerCase(Locale.ROOT));
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw error("must be true or false, was '" + value + "' (unquoted yes/no and on/off are read as true/false too)");
    }

    /** The words YAML reads as {@code true}; its other boolean words ({@code false}, {@code no}, {@code off}) are false. */
    private static final Set<String> BOOLEAN_TRUE = Set.of("true", "yes", "on");

    /**
     * The scalar as a duration: whole numbers with units {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d}, optionally several ({@code 1h30m}).
     *
     * @throws ConfigException if it is not a duration in that form
     */
    public Duration asDuration() {
        String value = asString();
        return ConfigDurations.parse(value.strip())
                .orElseThrow(() -> error("must be a duration like 30s, 5m or 100ms, was '" + value + "'"));
    }

    /**
     * The scalar as a constant of {@code type}, ignoring case ({@code high} for {@code HIGH}).
     *
     * @throws ConfigException if it names none of the constants; the error lists them
     */
    public <E extends Enum<E>> E asEnum(Class<E> type) {
        String value = asString().strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        TreeSet<String> names = new TreeSet<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw error("must be one of " + names + ", was '" + value + "'");
    }

    String childPath(String key) {
        return path.isEmpty() ? key : path + '.' + key;
    }

    private void requireKind(Kind expected, String problem) {
        if (kind != expected) {
            throw error(problem + ", was " + describe());
        }
    }

    private String describe() {
        return switch (kind) {
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "null";
            case SCALAR -> "'" + text + "'";
        };
    }

    /**
     * This map without its keys that have no value ({@code detection:} with nothing under it, which
     * YAML reads as null or as an empty scalar), so that a section written but left empty reads as a
     * section left out; any other node as it is.
     */
    public ConfigNode withoutEmptyFields() {
        if (kind != Kind.MAP || fields.values().stream().noneMatch(ConfigNode::empty)) {
            return this;
        }
        LinkedHashMap<String, ConfigNode> kept = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (!value.empty()) {
                kept.put(key, value);
            }
        });
        Map<String, ConfigLocation> keptLocations = new LinkedHashMap<>(keyLocations);
        keptLocations.keySet().retainAll(kept.keySet());
        return map(location, path, kept, keptLocations);
    }

    private boolean empty() {
        return kind == Kind.NULL || (kind == Kind.SCALAR && text.isEmpty());
    }

    /**
     * What this node holds without where it stands: a map of keys to plain values (document order),
     * a list, a scalar's text, or null. Two documents that say the same have equal plain values,
     * wherever their lines and columns fall.
     */
    public Object plain() {
        return switch (kind) {
            case MAP -> {
                Map<String, Object> plain = new LinkedHashMap<>();
                fields.forEach((key, value) -> plain.put(key, value.plain()));
                yield Collections.unmodifiableMap(plain);
            }
            case LIST -> elements.stream().map(ConfigNode::plain).toList();
            case SCALAR -> text;
            case NULL -> null;
        };
    }

    @Override
    public String toString() {
        return location + " " + (path.isEmpty() ? "<root>" : path) + " " + Objects.toString(describe());
    }
}
