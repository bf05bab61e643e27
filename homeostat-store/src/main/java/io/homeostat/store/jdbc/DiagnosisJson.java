package io.homeostat.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Explanation;
import io.homeostat.engine.diagnose.ProbableCause;
import io.homeostat.engine.diagnose.RootCandidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The JSON text of a diagnosis's lists: probable causes, root candidates and explanations, each an
 * array of objects whose keys are the record's component names (categories as their lower-case
 * labels, times as ISO-8601 text). Written field by field, not by reflection, so renaming a
 * component cannot silently change stored rows. Thread-safe.
 */
final class DiagnosisJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DiagnosisJson() {}

    static String causes(List<ProbableCause> causes) {
        return write(causes, (c, o) -> {
            o.put("cause", c.cause());
            o.put("category", c.category().label());
            o.put("confidence", c.confidence());
            strings(o.putArray("rules"), c.rules());
        });
    }

    static List<ProbableCause> causes(String json) {
        return read(json, o -> new ProbableCause(o.get("cause").asText(), category(o), o.get("confidence").asDouble(),
                strings(o.get("rules"))));
    }

    static String candidates(List<RootCandidate> candidates) {
        return write(candidates, (c, o) -> {
            o.put("service", c.service());
            o.put("failingSince", c.failingSince().toString());
            o.put("failingDependents", c.failingDependents());
            o.put("score", c.score());
            o.put("reason", c.reason());
        });
    }

    static List<RootCandidate> candidates(String json) {
        return read(json, o -> new RootCandidate(o.get("service").asText(), Instant.parse(o.get("failingSince").asText()),
                o.get("failingDependents").asInt(), o.get("score").asDouble(), o.get("reason").asText()));
    }

    static String explanations(List<Explanation> explanations) {
        return write(explanations, (e, o) -> {
            o.put("rule", e.rule());
            o.put("category", e.category().label());
            o.put("weight", e.weight());
            o.put("onRoot", e.onRoot());
            o.put("matches", e.matches());
            strings(o.putArray("services"), e.services());
            strings(o.putArray("evidence"), e.evidence());
        });
    }

    static List<Explanation> explanations(String json) {
        return read(json, o -> new Explanation(o.get("rule").asText(), category(o), o.get("weight").asDouble(),
                o.get("onRoot").asBoolean(), o.get("matches").asInt(), new LinkedHashSet<>(strings(o.get("services"))),
                strings(o.get("evidence"))));
    }

    private static DiagnosisCategory category(JsonNode o) {
        return DiagnosisCategory.valueOf(o.get("category").asText().toUpperCase(Locale.ROOT));
    }

    private static void strings(ArrayNode into, Iterable<String> values) {
        values.forEach(into::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>(array.size());
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static <T> String write(List<T> values, BiConsumer<T, ObjectNode> fields) {
        if (values.isEmpty()) {
            return "[]";
        }
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(v -> fields.accept(v, array.addObject()));
        try {
            return MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static <T> List<T> read(String json, Function<JsonNode, T> reader) {
        if ("[]".equals(json)) {
            return List.of();
        }
        try {
            List<T> values = new ArrayList<>();
            MAPPER.readTree(json).forEach(o -> values.add(reader.apply(o)));
            return List.copyOf(values);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("a stored diagnosis list is malformed: " + json, e);
        }
    }
}
