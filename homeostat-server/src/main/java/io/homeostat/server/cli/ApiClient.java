package io.homeostat.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;
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

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    /** The server's URL without trailing slashes; the API's paths are appended to it. */
    private String url = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL", description = "the server, http(s)://HOST:PORT (default: ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:8080")
    void url(String value) {
        try {
            url = serverUrl(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "invalid --url '" + value + "': " + e.getMessage());
        }
    }

    @Option(names = "--token", description = "API token (default: the HOMEOSTAT_TOKEN environment variable)",
            defaultValue = "${env:HOMEOSTAT_TOKEN}")
    String token;

    @Option(names = "--json", description = "print the server's JSON instead of a table")
    boolean json;

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * {@code text} as the base of the API's URLs: an http or https URL with a host, trailing
     * slashes removed (a path before {@code /api}, as behind a proxy, stays).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static String serverUrl(String text) {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); expected http://HOST:PORT");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("expected http://HOST:PORT or https://HOST:PORT");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host name or address; expected " + scheme + "://HOST:PORT");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must have no query (?) or fragment (#)");
        }
        return trimmed;
    }

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
            JsonNode body = body(response);
            if (response.statusCode() >= 400) {
                throw new ApiCallException("server answered " + response.statusCode() + ": " + problem(body, response.body()));
            }
            return body;
        } catch (IOException e) {
            throw new ApiCallException("cannot reach " + url + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException("interrupted");
        }
    }

    /**
     * What a refusal says: an error and the field it names, or an outcome and its reason (a manual
     * run refused with 409 answers as a run would), else the body as it came.
     */
    private static String problem(JsonNode body, String raw) {
        if (body.hasNonNull("error")) {
            String field = body.path("field").asText("");
            return body.path("error").asText() + (field.isEmpty() ? "" : " (field " + field + ")");
        }
        if (body.hasNonNull("outcome")) {
            String reason = body.path("reason").asText("");
            return body.path("outcome").asText() + (reason.isEmpty() ? "" : ": " + reason);
        }
        return raw;
    }

    /** The answer's JSON (an empty object for no body). */
    private JsonNode body(HttpResponse<String> response) {
        if (response.body().isEmpty()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ApiCallException(url + " answered HTTP " + response.statusCode() + " with something other than JSON ("
                    + response.headers().firstValue("Content-Type").orElse("no Content-Type")
                    + "): is --url a Homeostat server?");
        }
    }

    /** Why a call failed; the JDK's client gives a refused connection no message. */
    private static String reason(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
