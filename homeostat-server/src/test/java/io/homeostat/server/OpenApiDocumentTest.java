package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
