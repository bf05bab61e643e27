package io.homeostat.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a YAML document into a {@link ConfigNode} tree that keeps the line and column of every
 * value. Uses Jackson's streaming YAML parser (not data binding), so nothing is guessed: keys,
 * lists and scalars come out as written and validation happens in the code that reads the tree.
 * Only the first document of a multi-document stream is read; an empty document (nothing, or only
 * {@code ---} and comments) reads as an empty map; a key given twice in one map is an error, and so
 * is an alias ({@code *name}), which would otherwise read as its anchor's name (an anchor on a map or
 * a list is refused too).
 *
 * <p>Thread-safe: the reader holds no state between calls.
 */
public final class YamlConfigReader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private YamlConfigReader() {}

    /**
     * Reads a file; errors name it by its file name.
     *
     * @throws ConfigException if the YAML is malformed
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ConfigNode read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + why(e), e);
        }
        Path name = file.getFileName();
        return read(name == null ? file.toString() : name.toString(), text);
    }

    /**
     * Reads YAML text; errors name it {@code source}.
     *
     * @param source what to call the text in errors, e.g. {@code rules.yaml}
     * @throws ConfigException if the YAML is malformed
     */
    public static ConfigNode read(String source, String yaml) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            ConfigNode root = first == null ? null : value(parser, source, "");
            if (root == null || root.kind() == ConfigNode.Kind.NULL
                    || (root.kind() == ConfigNode.Kind.SCALAR && root.asString().isEmpty())) {
                // Nothing, or only "---" and comments: an empty document.
                return ConfigNode.map(new ConfigLocation(source, 1, 1), "", new LinkedHashMap<>(), Map.of());
            }
            return root;
        } catch (ConfigException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            ConfigLocation location = at == null ? new ConfigLocation(source, 0, 0) : location(source, at);
            throw new ConfigException(location, "", "not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read YAML from " + source, e);
        }
    }

    private static ConfigNode value(JsonParser parser, String source, String path) throws IOException {
        ConfigLocation location = location(source, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getObjectId() != null)) {
            // Jackson hands an alias over as its name: a value silently not what the file meant.
            throw new ConfigException(location, path, "YAML anchors and aliases (&name, *name) are not read: write the "
                    + "value out where it is used");
        }
        return switch (token) {
            case START_OBJECT -> map(parser, source, path, location);
            case START_ARRAY -> list(parser, source, path, location);
            case VALUE_NULL -> ConfigNode.nullNode(location, path);
            case VALUE_TRUE, VALUE_FALSE -> ConfigNode.scalar(location, path, parser.getText(), ConfigNode.ScalarType.BOOLEAN);
            case VALUE_NUMBER_INT -> ConfigNode.scalar(location, path, parser.getText(), ConfigNode.ScalarType.INTEGER);
            case VALUE_NUMBER_FLOAT -> ConfigNode.scalar(location, path, parser.getText(), ConfigNode.ScalarType.FLOAT);
            case VALUE_STRING -> ConfigNode.scalar(location, path, parser.getText(), ConfigNode.ScalarType.STRING);
            default -> throw new ConfigException(location, path, "unsupported YAML construct " + token);
        };
    }

    private static ConfigNode map(JsonParser parser, String source, String path, ConfigLocation location)
            throws IOException {
        LinkedHashMap<String, ConfigNode> fields = new LinkedHashMap<>();
        Map<String, ConfigLocation> keyLocations = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            ConfigLocation keyAt = location(source, parser.currentTokenLocation());
            String childPath = path.isEmpty() ? key : path + '.' + key;
            if (fields.containsKey(key)) {
                throw new ConfigException(keyAt, childPath, "duplicate key; first given at line "
                        + fields.get(key).location().line());
            }
            parser.nextToken();
            fields.put(key, value(parser, source, childPath));
            keyLocations.put(key, keyAt);
        }
        return ConfigNode.map(location, path, fields, keyLocations);
    }

    private static ConfigNode list(JsonParser parser, String source, String path, ConfigLocation location)
            throws IOException {
        List<ConfigNode> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(value(parser, source, path + '[' + elements.size() + ']'));
        }
        return ConfigNode.list(location, path, elements);
    }

    /** Why a file could not be read, in words: the exceptions' own messages are a path or "Input length = 1". */
    private static String why(IOException e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "permission denied";
            case CharacterCodingException coding -> "not UTF-8 text";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static ConfigLocation location(String source, JsonLocation at) {
        return new ConfigLocation(source, Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
