package io.homeostat.core.control;

import io.homeostat.core.time.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Restarts a service through its own admin endpoint: {@code POST} to the endpoint with the drain in
 * milliseconds both as the header {@value #DRAIN_HEADER} and in a form body
 * ({@code drain_ms=1500&reason=...}); any 2xx answer is success, anything else fails with the status
 * and the first line of the body. The service is expected to drain before it answers, so the whole
 * request may take the drain plus {@code timeout}; connecting may take {@code timeout}. Redirects are
 * not followed. Create with {@link Restartable#http(URI, Duration)}. Immutable and thread-safe.
 */
public final class HttpAdminRestart implements Restartable {

    /** The request header carrying the drain in milliseconds. */
    public static final String DRAIN_HEADER = "Homeostat-Drain-Millis";

    private static final int MAX_LINE = 200;

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient client;

    private HttpAdminRestart(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * A restart through {@code endpoint}.
     *
     * @param timeout how long to connect, and how long the answer may take beyond the drain
     * @throws IllegalArgumentException if {@code endpoint} is not http or https, or {@code timeout} not positive
     * @throws NullPointerException if an argument is null
     */
    static HttpAdminRestart create(URI endpoint, Duration timeout) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("admin endpoint must be http or https, was " + endpoint);
        }
        return new HttpAdminRestart(endpoint, Durations.requirePositive(timeout, "timeout"));
    }

    /** The endpoint it posts to. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * @throws RestartFailedException if the endpoint answered other than 2xx, could not be reached, or
     *     did not answer within the drain plus the timeout
     * @throws IllegalArgumentException if {@code drain} is negative
     */
    @Override
    public String restart(Duration drain, String reason) {
        Durations.requireNonNegative(drain, "drain");
        String why = reason == null ? "" : reason;
        String body = "drain_ms=" + drain.toMillis() + "&reason=" + URLEncoder.encode(why, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout.plus(drain))
                .header(DRAIN_HEADER, Long.toString(drain.toMillis()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String line = firstLine(response.body());
            int status = response.statusCode();
            String answer = "POST " + endpoint + " returned " + status + (line.isEmpty() ? "" : ": " + line);
            if (status < 200 || status > 299) {
                throw new RestartFailedException(answer, null);
            }
            return answer;
        } catch (HttpTimeoutException e) {
            throw new RestartFailedException("POST " + endpoint + " did not answer within " + timeout.plus(drain), e);
        } catch (IOException e) {
            throw new RestartFailedException("POST " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestartFailedException("interrupted posting to " + endpoint, e);
        }
    }

    private static String firstLine(InputStream body) throws IOException {
        try (body) {
            String text = new String(body.readNBytes(MAX_LINE * 4), StandardCharsets.UTF_8).strip();
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).strip();
            return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
        }
    }

    @Override
    public String toString() {
        return "HttpAdminRestart[" + endpoint + "]";
    }
}
