package io.homeostat.engine.codec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.engine.codec.SignalDecodingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Strict typed access to the fields of one JSON object, remembering which were read so that
 * {@link #rejectUnknown()} can name any field left over. Errors carry the field's full path. Not
 * thread-safe; one per object read.
 */
final class Fields {

    /**
     * Each enum's constants by wire name: looking them up used to lower-case every constant's
     * name for every signal read (the largest allocation of ingest after the JSON tree).
     */
    private static final ClassValue<Map<String, Enum<?>>> WIRE_NAMES = new ClassValue<>() {
        @Override
        protected Map<String, Enum<?>> computeValue(Class<?> type) {
            Map<String, Enum<?>> byName = new HashMap<>();
            for (Object constant : type.getEnumConstants()) {
                byName.put(SignalWriter.lower((Enum<?>) constant), (Enum<?>) constant);
            }
            return Map.copyOf(byName);
        }
    };

    private final JsonNode object;
    private final String prefix;
    /** The names looked up so far (a handful: a small array, not a hash set per object). */
    private String[] read = new String[8];
    private int reads;

    private Fields(JsonNode object, String prefix) {
        this.object = object;
        this.prefix = prefix;
    }

    /** The fields of {@code node}, which must be an object, found at {@code path} ({@code $} for the root). */
    static Fields of(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new SignalDecodingException(path, "expected a JSON object, was " + type(node));
        }
        return new Fields(node, path.equals("$") ? "" : path + ".");
    }

    String path(String name) {
        return prefix + name;
    }

    /** A present, non-null value, or the error "missing". */
    JsonNode required(String name) {
        return optional(name).orElseThrow(() -> new SignalDecodingException(path(name), "missing"));
    }

    /** The value, empty when absent or null. */
    Optional<JsonNode> optional(String name) {
        remember(name);
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    String string(String name) {
        return text(name, required(name));
    }

    /** A string that is not blank. */
    String name(String name) {
        String value = string(name);
        if (value.isBlank()) {
            throw new SignalDecodingException(path(name), "must not be blank");
        }
        return value;
    }

    Optional<String> optionalString(String name) {
        return optional(name).map(node -> text(name, node));
    }

    double finite(String name) {
        JsonNode node = required(name);
        if (!node.isNumber()) {
            throw wrongType(name, "a number", node);
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new SignalDecodingException(path(name), "must be a finite number, was " + node.asText());
        }
        return value;
    }

    long nonNegativeLong(String name) {
        JsonNode node = required(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(name, "a whole number", node);
        }
        long value = node.longValue();
        if (value < 0) {
            throw new SignalDecodingException(path(name), "must not be negative, was " + value);
        }
        return value;
    }

    int nonNegativeInt(String name) {
        long value = nonNegativeLong(name);
        if (value > Integer.MAX_VALUE) {
            throw new SignalDecodingException(path(name), "must be at most " + Integer.MAX_VALUE + ", was " + value);
        }
        return (int) value;
    }

    Instant instant(String name) {
        String text = string(name);
        try {
            return IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            throw new SignalDecodingException(path(name), "expected an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z, was '" + text + "'");
        }
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return parseEnum(name, string(name), type);
    }

    <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
        return optionalString(name).map(text -> parseEnum(name, text, type));
    }

    /** An object of strings; empty when absent. */
    Map<String, String> strings(String name) {
        Optional<JsonNode> node = optional(name);
        if (node.isEmpty()) {
            return Map.of();
        }
        Fields entries = of(node.get(), path(name));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.get().properties()) {
            values.put(entry.getKey(), entries.string(entry.getKey()));
        }
        return values;
    }

    Fields object(String name) {
        return of(required(name), path(name));
    }

    private void remember(String name) {
        if (wasRead(name)) {
            return;
        }
        if (reads == read.length) {
            read = Arrays.copyOf(read, reads * 2);
        }
        read[reads++] = name;
    }

    private boolean wasRead(String name) {
        for (int i = 0; i < reads; i++) {
            if (read[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Fails naming the first field that was never read. */
    void rejectUnknown() {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String name = entry.getKey();
            if (!wasRead(name)) {
                throw new SignalDecodingException(path(name), "unknown field");
            }
        }
    }

    private String text(String name, JsonNode node) {
        if (!node.isTextual()) {
            throw wrongType(name, "a string", node);
        }
        return node.textValue();
    }

    private <E extends Enum<E>> E parseEnum(String name, String text, Class<E> type) {
        Enum<?> constant = WIRE_NAMES.get(type).get(text);
        if (constant != null) {
            return type.cast(constant);
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(SignalWriter::lower)
                .collect(Collectors.joining(", "));
        throw new SignalDecodingException(path(name), "unknown value '" + text + "', expected one of " + allowed);
    }

    private SignalDecodingException wrongType(String name, String expected, JsonNode node) {
        return new SignalDecodingException(path(name), "expected " + expected + ", was " + type(node));
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
