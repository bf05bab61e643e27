package io.homeostat.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The JSON text of the columns that hold maps and lists (tags, evidence, notified, matchers). Thread-safe. */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, String>>> OBJECTS = new TypeReference<>() {};

    private JsonText() {}

    static String of(Map<String, String> map) {
        return map.isEmpty() ? "{}" : write(map);
    }

    static String of(List<String> list) {
        return list.isEmpty() ? "[]" : write(list);
    }

    /** A list of objects of strings, e.g. a silence's matchers. */
    static String ofObjects(List<Map<String, String>> objects) {
        return objects.isEmpty() ? "[]" : write(objects);
    }

    static List<Map<String, String>> objects(String json) {
        try {
            return "[]".equals(json) ? List.of() : MAPPER.readValue(json, OBJECTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON array is malformed: " + json, e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return "{}".equals(json) ? Map.of() : MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON object is malformed: " + json, e);
        }
    }

    static List<String> list(String json) {
        try {
            return "[]".equals(json) ? List.of() : MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON array is malformed: " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
