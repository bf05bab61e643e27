package io.homeostat.engine.codec.internal;

import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.codec.SignalDecodingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Strict typed access to the fields of one {@link ParsedObject}, remembering which were read so
 * that {@link #rejectUnknown()} can name any field left over. Errors carry the field's full path. Not
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

    private final ParsedObject object;
    private final String prefix;
    /** Which of the object's fields were looked up, by index. */
    private final boolean[] read;

    private Fields(ParsedObject object, String prefix) {
        this.object = object;
        this.prefix = prefix;
        this.read = new boolean[object.size()];
    }

    /** The fields of {@code object}, found at {@code path} ({@code $} for the root). */
    static Fields of(ParsedObject object, String path) {
        return new Fields(object, path.equals("$") ? "" : path + ".");
    }

    String path(String name) {
        return prefix + name;
    }

    /** The index of a present, non-null value, or the error "missing". */
    int required(String name) {
        int index = optional(name);
        if (index < 0) {
            throw new SignalDecodingException(path(name), "missing");
        }
        return index;
    }

    /** The index of the value, -1 when absent or null. */
    int optional(String name) {
        int index = object.indexOf(name);
        if (index < 0) {
            return -1;
        }
        read[index] = true;
        return object.type(index) == ParsedObject.Type.NULL ? -1 : index;
    }

    String string(String name) {
        return text(name, required(name));
    }

    /** A string that is not blank, of at most {@value Signal#MAX_NAME_LENGTH} characters. */
    String name(String name) {
        String value = string(name);
        if (value.isBlank()) {
            throw new SignalDecodingException(path(name), "must not be blank");
        }
        return atMost(name, value, Signal.MAX_NAME_LENGTH);
    }

    /** A string of at most {@code maxLength} characters. */
    String string(String name, int maxLength) {
        return atMost(name, string(name), maxLength);
    }

    private String atMost(String name, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new SignalDecodingException(path(name), "must be at most " + maxLength + " characters, was "
                    + value.length());
        }
        return value;
    }

    Optional<String> optionalString(String name) {
        int index = optional(name);
        return index < 0 ? Optional.empty() : Optional.of(text(name, index));
    }

    double finite(String name) {
        int index = required(name);
        if (!object.type(index).isNumber()) {
            throw wrongType(name, "a number", index);
        }
        double value = object.doubleValue(index);
        if (!Double.isFinite(value)) {
            throw new SignalDecodingException(path(name), "must be a finite number, was " + value);
        }
        return value;
    }

    long nonNegativeLong(String name) {
        int index = required(name);
        if (object.type(index) != ParsedObject.Type.INTEGER) {
            throw wrongType(name, "a whole number", index);
        }
        long value = object.longValue(index);
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

    /** An ISO-8601 instant within {@link SignalCodec#EARLIEST} and {@link SignalCodec#LATEST}. */
    Instant instant(String name) {
        String text = string(name);
        Instant instant;
        try {
            instant = IsoInstant.parse(text);
        } catch (DateTimeParseException e) {
            throw new SignalDecodingException(path(name), "expected an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z, was '" + text + "'");
        }
        if (instant.isBefore(SignalCodec.EARLIEST) || instant.isAfter(SignalCodec.LATEST)) {
            throw new SignalDecodingException(path(name), "must lie between " + SignalCodec.EARLIEST + " and "
                    + SignalCodec.LATEST + ", was " + text);
        }
        return instant;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return parseEnum(name, string(name), type);
    }

    <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
        return optionalString(name).map(text -> parseEnum(name, text, type));
    }

    /**
     * An object of strings as an unmodifiable map (which the signal records keep without copying);
     * empty when absent.
     */
    Map<String, String> strings(String name) {
        int index = optional(name);
        if (index < 0) {
            return Map.of();
        }
        Fields entries = object(name, index);
        ParsedObject values = entries.object;
        // Keys are unique: the parser refused repeated ones.
        return switch (values.size()) {
            case 0 -> Map.of();
            case 1 -> Map.of(values.name(0), entries.string(values.name(0)));
            case 2 -> Map.of(values.name(0), entries.string(values.name(0)),
                    values.name(1), entries.string(values.name(1)));
            default -> {
                // By position, not by name: a lookup by name per entry would be quadratic in the entries.
                Map<String, String> strings = new HashMap<>();
                for (int i = 0; i < values.size(); i++) {
                    strings.put(values.name(i), entries.stringAt(i));
                }
                yield Map.copyOf(strings);
            }
        };
    }

    Fields object(String name) {
        return object(name, required(name));
    }

    private Fields object(String name, int index) {
        if (object.type(index) != ParsedObject.Type.OBJECT) {
            throw wrongType(name, "a JSON object", index);
        }
        return new Fields(object.child(index), path(name) + ".");
    }

    /** Fails naming the first field that was never read. */
    void rejectUnknown() {
        for (int i = 0; i < read.length; i++) {
            if (!read[i]) {
                throw new SignalDecodingException(path(object.name(i)), "unknown field");
            }
        }
    }

    /** The string at {@code index}, read as {@link #string(String)} reads it by name (null is missing). */
    private String stringAt(int index) {
        read[index] = true;
        String name = object.name(index);
        if (object.type(index) == ParsedObject.Type.NULL) {
            throw new SignalDecodingException(path(name), "missing");
        }
        return text(name, index);
    }

    private String text(String name, int index) {
        if (object.type(index) != ParsedObject.Type.STRING) {
            throw wrongType(name, "a string", index);
        }
        return object.text(index);
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

    private SignalDecodingException wrongType(String name, String expected, int index) {
        return new SignalDecodingException(path(name), "expected " + expected + ", was " + object.type(index).word());
    }
}
