package io.homeostat.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpAdminRestartTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(int status, String body, AtomicReference<String> seen) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/admin/restart", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst(HttpAdminRestart.DRAIN_HEADER)
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, status, body);
        });
        server.createContext("/admin/hang", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "late");
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/admin/restart");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void postsTheDrainAndReasonAndSucceedsOn2xx() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        URI endpoint = serve(202, "restarting after 3 in-flight requests\nsecond line", seen);

        String line = Restartable.http(endpoint, Duration.ofSeconds(2)).restart(Duration.ofMillis(1500), "memory leak");

        assertThat(seen.get()).isEqualTo("POST 1500 drain_ms=1500&reason=memory+leak");
        assertThat(line).isEqualTo("POST " + endpoint + " returned 202: restarting after 3 in-flight requests");
    }

    @Test
    void failsWithTheStatusAndTheFirstLineOfTheBody() throws IOException {
        URI endpoint = serve(500, "  drain failed: 2 requests stuck\nat Foo.bar", new AtomicReference<>());

        assertThatThrownBy(() -> Restartable.http(endpoint, Duration.ofSeconds(2)).restart(Duration.ZERO, "test"))
                .isInstanceOf(RestartFailedException.class)
                .hasMessage("POST " + endpoint + " returned 500: drain failed: 2 requests stuck");
    }

    @Test
    void failsWhenTheEndpointDoesNotAnswerWithinTheDrainPlusTheTimeout() throws IOException {
        URI hang = serve(200, "", new AtomicReference<>()).resolve("/admin/hang");

        assertThatThrownBy(() -> Restartable.http(hang, Duration.ofMillis(200)).restart(Duration.ofMillis(100), "test"))
                .isInstanceOf(RestartFailedException.class)
                .hasMessage("POST " + hang + " did not answer within PT0.3S");
    }

    @Test
    void failsNamingTheEndpointWhenNothingListens() throws IOException {
        URI endpoint = serve(200, "", new AtomicReference<>());
        server.stop(0);
        server = null;

        assertThatThrownBy(() -> Restartable.http(endpoint, Duration.ofSeconds(1)).restart(Duration.ZERO, "test"))
                .isInstanceOf(RestartFailedException.class)
                .hasMessageStartingWith("POST " + endpoint + " failed: java.net.ConnectException");
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertThatThrownBy(() -> Restartable.http(URI.create("ftp://host/restart"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://host/restart");
        assertThatThrownBy(() -> Restartable.http(URI.create("http://127.0.0.1/r"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> Restartable.http(URI.create("http://127.0.0.1/r"), Duration.ofSeconds(1))
                .restart(Duration.ofMillis(-1), "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drain");
    }
}
