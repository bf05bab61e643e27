package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends {@code GET} to a URL and judges the status: the expected status (by default any 2xx) is
 * healthy, 5xx is unhealthy, anything else (a redirect, 404, 401) is degraded. A request that
 * cannot be sent or times out (default 2 s) makes the check throw. Redirects are not followed.
 * Details: {@code http.status}, {@code response.ms}. Thread-safe.
 */
public final class HttpEndpointCheck implements HealthCheck {

    private final HttpClient client;
    private final HttpRequest request;
    private final int expectedStatus;
    private final Clock clock;

    private HttpEndpointCheck(Builder builder) {
        this.client = builder.client != null ? builder.client
                : HttpClient.newBuilder().connectTimeout(builder.timeout).build();
        this.request = HttpRequest.newBuilder(builder.uri).timeout(builder.timeout).GET().build();
        this.expectedStatus = builder.expectedStatus;
        this.clock = builder.clock;
    }

    /**
     * A builder for a check of {@code uri}.
     *
     * @throws IllegalArgumentException if {@code uri} is not http or https
     */
    public static Builder builder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("health endpoint must be http or https, was " + uri);
        }
        return new Builder(uri);
    }

    /** A check of {@code uri} with the defaults. */
    public static HttpEndpointCheck create(URI uri) {
        return builder(uri).build();
    }

    /**
     * @throws IOException if the request could not be sent or timed out
     * @throws InterruptedException if interrupted while waiting for the response
     */
    @Override
    public HealthResult check() throws IOException, InterruptedException {
        long start = clock.monotonicNanos();
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        long millis = Duration.ofNanos(clock.monotonicNanos() - start).toMillis();
        HealthStatus health = judge(status);
        String message = health == HealthStatus.HEALTHY ? "" : "GET " + request.uri() + " returned " + status;
        return HealthResult.of(health, message).withDetail("http.status", status).withDetail("response.ms", millis);
    }

    private HealthStatus judge(int status) {
        boolean expected = expectedStatus == 0 ? status >= 200 && status < 300 : status == expectedStatus;
        if (expected) {
            return HealthStatus.HEALTHY;
        }
        return status >= 500 ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED;
    }

    /** Builds an {@link HttpEndpointCheck}. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private int expectedStatus;
        private Duration timeout = Duration.ofSeconds(2);
        private Clock clock = Clock.system();
        private HttpClient client;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * The one status that counts as healthy; default any 2xx.
         *
         * @throws IllegalArgumentException if not 100 to 599
         */
        public Builder expectedStatus(int value) {
            if (value < 100 || value > 599) {
                throw new IllegalArgumentException("expectedStatus must be 100 to 599, was " + value);
            }
            this.expectedStatus = value;
            return this;
        }

        /**
         * Connect and response timeout; default 2 s.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration value) {
            this.timeout = Durations.requirePositive(value, "timeout");
            return this;
        }

        /** The clock that times the request; default {@link Clock#system()}. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The client to send with; default a new client with the connect timeout. */
        public Builder client(HttpClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        public HttpEndpointCheck build() {
            return new HttpEndpointCheck(this);
        }
    }
}
