package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What every client subcommand shares: where the server is, the token, JSON or table output, and
 * the HTTP calls. A picocli mixin. Not thread-safe (one command, one thread).
 */
final class ApiClient {

    /** Thrown when the server answers with an error; carries its message. */
    static final class ApiCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ApiCallException(String message) {
            super(message);
        }
    }

    @Option(names = "--url", description = "the server (default: ${DEFAULT-VALUE})", defaultValue = "http://127.0.0.1:8080")
    String url;

    @Option(names = "--token", description = "API token (default: the HOMEOSTAT_TOKEN environment variable)",
            defaultValue = "${env:HOMEOSTAT_TOKEN}")
    String token;

    @Option(names = "--json", description = "print the server's JSON instead of a table")
    boolean json;

    private final ObjectMapper mapper = new ObjectMapper();

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    JsonNode post(String path, Object body) {
        try {
            String text = mapper.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)));
        } catch (IOException e) {
            throw new ApiCallException("cannot write the request: " + e.getMessage());
        }
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).DELETE());
    }

    /** {@code text} as one path segment (percent-encoded). */
    static String segment(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String pretty(JsonNode node) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new ApiCallException(e.getMessage());
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        if (token == null || token.isBlank()) {
            throw new ApiCallException("no token: pass --token or set HOMEOSTAT_TOKEN");
        }
        request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
            if (response.statusCode() >= 400) {
                String field = body.path("field").asText("");
                throw new ApiCallException("server answered " + response.statusCode() + ": " + body.path("error").asText(response.body())
                        + (field.isEmpty() ? "" : " (field " + field + ")"));
            }
            return body;
        } catch (IOException e) {
            throw new ApiCallException("cannot reach " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException("interrupted");
        }
    }
}
