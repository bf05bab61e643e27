package io.homeostat.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 document of the API, generated from the same route table the server registers,
 * so it cannot list a route that does not exist nor miss one that does. Each operation lists the
 * statuses its route declares ({@link ApiRoute#responses()}, with their content types), 4XX and
 * 5XX, an {@link ApiError}. Immutable once built.
 */
final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApiDocument() {}

    static Map<String, Object> of(List<ApiRoute> routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ApiRoute route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", "Homeostat API", "version", version,
                "description", "The operator's side of Homeostat. Send Authorization: Bearer <token>."));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Error", Map.of("type", "object", "properties", Map.of(
                        "status", Map.of("type", "integer"),
                        "error", Map.of("type", "string"),
                        "field", Map.of("type", "string", "description", "the offending field; empty for the request as a whole"))))));
        return document;
    }

    private static Map<String, Object> response(ApiResponse response) {
        if (response.contentType().isEmpty()) {
            return Map.of("description", response.description());
        }
        Map<String, Object> schema = response.error() ? Map.of("$ref", "#/components/schemas/Error")
                : response.contentType().equals(ApiResponse.JSON) ? Map.of("type", "object") : Map.of("type", "string");
        return Map.of("description", response.description(), "content", Map.of(response.contentType(), Map.of("schema", schema)));
    }

    private static Map<String, Object> operation(ApiRoute route) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("summary", route.summary());
        operation.put("operationId", route.method().name().toLowerCase(Locale.ROOT) + route.path()
                .replaceAll("[{}]", "").replaceAll("[/-]+(.)", "_$1"));
        route.access().role().ifPresent(role -> {
            operation.put("security", List.of(Map.of("bearer", List.of())));
            operation.put("x-homeostat-role", role.wireName());
        });
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher matcher = PATH_PARAM.matcher(route.path());
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (String name : route.query()) {
            parameters.add(Map.of("name", name, "in", "query", "required", false, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (route.hasBody()) {
            operation.put("requestBody", Map.of("required", true,
                    "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        for (ApiResponse response : route.responses()) {
            responses.put(Integer.toString(response.status()), response(response));
        }
        responses.put("4XX", response(ApiResponse.error(400, "error")));
        responses.put("5XX", response(ApiResponse.error(503, "the server cannot answer now (503 with Retry-After "
                + "while the database does not answer and the request needs it)")));
        operation.put("responses", responses);
        return operation;
    }
}
