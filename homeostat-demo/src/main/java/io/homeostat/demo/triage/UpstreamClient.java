package io.homeostat.demo.triage;

import io.homeostat.core.classify.HttpStatusException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Calls upstreams over HTTP: {@code GET /v1/answer?key=K}; any status but 200 is thrown as an
 * {@link HttpStatusException} carrying the status and the upstream's message, so the guards
 * classify it. Thread-safe.
 */
public final class UpstreamClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Duration timeout;

    /** A client whose requests give up after {@code timeout} (the guards' own timeouts are shorter). */
    public UpstreamClient(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The answer of the upstream at {@code base} for {@code key}.
     *
     * @throws HttpStatusException on any status but 200
     * @throws IOException if the connection fails (refused, reset)
     * @throws InterruptedException if interrupted while waiting (a guard's timeout)
     */
    public String answer(URI base, String key) throws IOException, InterruptedException {
        return get(base.resolve("/v1/answer?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)));
    }

    /**
     * The body of {@code GET uri}.
     *
     * @throws HttpStatusException on any status but 200
     * @throws IOException if the connection fails
     * @throws InterruptedException if interrupted while waiting
     */
    public String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new HttpStatusException(response.statusCode(), response.statusCode() + " from " + uri.getHost() + ":"
                    + uri.getPort() + ": " + response.body());
        }
        return response.body();
    }
}
