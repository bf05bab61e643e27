package io.homeostat.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The API's JSON, behind Javalin's small {@link io.javalin.json.JsonMapper} interface: Jackson
 * with ISO-8601 times, records by their components. A request body is read strictly: it must be a
 * JSON object (not {@code null}, an array or a scalar), with no unknown field, no key given twice
 * in one object (at any depth), no trailing content, and each value of its field's JSON type: no
 * number or boolean taken as a string, no string or number taken as a boolean, no fraction cut to a
 * whole number. Anything else is a
 * {@link BadRequestException} naming the field ({@code $} for the body as a whole; the whole path,
 * e.g. {@code matchers.service}, for a key given twice). Thread-safe.
 */
public final class JacksonJson implements io.javalin.json.JsonMapper {

    private final ObjectMapper mapper = strict(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // On: {"a":1,"a":2} is refused, not read as {"a":2}.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Off: "5" is no number, 0 no boolean. (A whole number for a fractional field stays
            // allowed: 1 is 1.0 in JSON.)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS));

    private static ObjectMapper strict(JsonMapper.Builder builder) {
        // Scalars into a string field are not covered by ALLOW_COERCION_OF_SCALARS: {"comment":12} was "12".
        builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        return builder.build();
    }

    /** The mapper, for clients of the API in the same codebase (the CLI). */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        try {
            return mapper.writeValueAsString(obj);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type + " as JSON", e);
        }
    }

    /**
     * Reads a request body.
     *
     * @throws BadRequestException naming the offending field, or {@code $} if the body is not a JSON object
     */
    @Override
    public <T> T fromJsonString(String json, Type type) {
        try (JsonParser parser = mapper.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadRequestException("$", "expected a JSON object, got " + describe(first));
            }
            return mapper.readValue(parser, mapper.constructType(type));
        } catch (JsonProcessingException e) {
            duplicateKey(e).ifPresent(path -> {
                throw new BadRequestException(path, "given twice; each key may appear once in an object");
            });
            String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(0).getFieldName() : null;
            throw new BadRequestException(field == null ? "$" : field, problem(e));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a body held in memory", e);
        }
    }

    /**
     * The path of the key {@code e} found given twice, if that is what it is about. Strict
     * duplicate detection fails in the parser, which then stands on the second copy of the key;
     * databind may wrap that failure with the path of an enclosing field.
     */
    private static Optional<String> duplicateKey(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException read && read.getProcessor() != null
                    && read.getOriginalMessage() != null && read.getOriginalMessage().startsWith("Duplicate field")) {
                return Optional.of(path(read.getProcessor().getParsingContext()));
            }
        }
        return Optional.empty();
    }

    /** Where {@code context} stands, e.g. {@code matchers.service} or {@code steps[1].name}. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                path.insert(0, "[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                path.insert(0, (at.getParent() != null && !at.getParent().inRoot() ? "." : "") + at.getCurrentName());
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field; known: " + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().toList());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = "expected " + expected(mismatch.getTargetType());
            return mismatch instanceof InvalidFormatException format && format.getValue() != null
                    ? expected + ", got " + format.getValue() : expected;
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : type.getSimpleName();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "an empty body";
        }
        return switch (token) {
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.name();
        };
    }
}
