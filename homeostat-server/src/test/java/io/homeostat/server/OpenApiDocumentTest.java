package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiDocumentTest {

    @TempDir
    Path data;

    @Test
    void describesEveryRouteAndOnlyRoutesThatAnswer() {
        try (RunningServer running = new RunningServer(data)) {
            RunningServer.Answer answer = running.get("/api/v1/openapi.json", null);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode document = answer.json();
            assertThat(document.path("openapi").asText()).startsWith("3.");
            List<String> operations = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
            assertThat(operations).contains(
                    "get /health", "get /api/v1/openapi.json", "get /api/v1/overview", "post /api/v1/signals",
                    "get /api/v1/incidents", "get /api/v1/incidents/{id}", "get /api/v1/circuits",
                    "post /api/v1/circuits/{name}/reset", "post /api/v1/circuits/{name}/force-open",
                    "get /api/v1/alerts", "post /api/v1/alerts/{fingerprint}/ack",
                    "post /api/v1/alerts/{fingerprint}/resolve", "get /api/v1/audit", "get /api/v1/tokens",
                    "post /api/v1/tokens", "post /api/v1/session", "get /api/v1/session", "delete /api/v1/session");
            assertThat(operations).doesNotHaveDuplicates();
            // Each documented operation is registered: without a token a secured one answers 401
            // (an unregistered path would answer 404), a public one answers.
            for (String operation : operations) {
                String[] parts = operation.split(" ");
                String path = parts[1].replaceAll("\\{[^}]+}", "x");
                int status = switch (parts[0]) {
                    case "get" -> running.get(path, null).status();
                    case "post" -> running.post(path, null, "{}").status();
                    default -> running.send(running.request(path, null).method(parts[0].toUpperCase(java.util.Locale.ROOT),
                            java.net.http.HttpRequest.BodyPublishers.noBody()).build()).status();
                };
                if (operation.equals("post /api/v1/session")) {
                    assertThat(status).as(operation + ": public, and {} has no token").isEqualTo(400);
                    continue;
                }
                assertThat(status).as(operation).isIn(200, 401, 503);
            }
            JsonNode detail = document.path("paths").path("/api/v1/incidents/{id}").path("get");
            assertThat(detail.path("parameters").get(0).path("in").asText()).isEqualTo("path");
            assertThat(detail.path("x-homeostat-role").asText()).isEqualTo("viewer");
            assertThat(document.path("paths").path("/api/v1/incidents").path("get").path("parameters"))
                    .extracting(p -> p.path("name").asText()).contains("status", "severity", "service", "since", "limit");
        }
    }

    /** The media type of a Content-Type, without parameters: "text/plain; version=0.0.4" is "text/plain". */
    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    @Test
    void describesTheStatusAndContentTypeEachRouteAnswers() {
        try (RunningServer running = new RunningServer(data)) {
            JsonNode paths = running.get("/api/v1/openapi.json", null).json().path("paths");
            JsonNode metrics = paths.path("/metrics").path("get").path("responses");
            assertThat(metrics.path("200").path("content").fieldNames()).toIterable()
                    .containsExactly("text/plain; version=0.0.4; charset=utf-8");
            JsonNode events = paths.path("/api/v1/events").path("get").path("responses");
            assertThat(events.path("200").path("content").fieldNames()).toIterable().containsExactly("text/event-stream");
            assertThat(events.path("406").path("content").path("application/json").path("schema").path("$ref").asText())
                    .isEqualTo("#/components/schemas/Error");
            for (String path : List.of("/api/v1/session", "/api/v1/alerts/silences/{id}")) {
                JsonNode delete = paths.path(path).path("delete").path("responses");
                assertThat(delete.fieldNames()).toIterable().as(path).containsExactly("204", "4XX", "5XX");
                assertThat(delete.path("204").has("content")).as(path + ": no body").isFalse();
            }
            JsonNode ingest = paths.path("/api/v1/signals").path("post").path("responses");
            assertThat(ingest.fieldNames()).toIterable().containsExactly("202", "503", "4XX", "5XX");
            assertThat(ingest.path("503").path("content").path("application/json").path("schema").path("$ref").asText())
                    .isEqualTo("#/components/schemas/Error");
            assertThat(paths.path("/health").path("get").path("responses").fieldNames()).toIterable()
                    .containsExactly("200", "503", "4XX", "5XX");
            assertThat(paths.path("/api/v1/tokens").path("post").path("responses").has("201")).isTrue();
            assertThat(paths.path("/api/v1/alerts/silences").path("post").path("responses").has("201")).isTrue();

            // Every operation, called by an admin: what it answers is documented, with that content type.
            List<String> checked = new ArrayList<>();
            paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                String url = path.getKey().replaceAll("\\{[^}]+}", "x");
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                RunningServer.Answer answer = running.send(running.request(url, running.admin)
                        .header("Content-Type", "application/json")
                        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                                : HttpRequest.BodyPublishers.noBody()).build());
                String call = method + " " + url + " -> " + answer.status() + " " + answer.contentType();
                JsonNode responses = operation.getValue().path("responses");
                String key = Integer.toString(answer.status());
                JsonNode documented = responses.has(key) ? responses.path(key)
                        : answer.status() >= 400 && answer.status() < 500 ? responses.path("4XX") : null;
                assertThat(documented).as(call + " is not documented: " + responses.fieldNames()).isNotNull();
                if (documented.has("content")) {
                    assertThat(documented.path("content").fieldNames()).toIterable().as(call)
                            .extracting(OpenApiDocumentTest::mediaType).containsExactly(mediaType(answer.contentType()));
                } else {
                    assertThat(answer.text()).as(call + ": documented without a body").isEmpty();
                }
                checked.add(call);
            }));
            assertThat(checked).anySatisfy(call -> assertThat(call).startsWith("GET /metrics -> 200 text/plain"))
                    .anySatisfy(call -> assertThat(call).startsWith("GET /api/v1/events -> 406 application/json"))
                    .anySatisfy(call -> assertThat(call).startsWith("DELETE /api/v1/session -> 204"));
        }
    }
}
