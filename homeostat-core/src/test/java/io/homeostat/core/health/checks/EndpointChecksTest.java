package io.homeostat.core.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP and HTTP checks against real servers on loopback. */
class EndpointChecksTest {

    private final ManualClock clock = ManualClock.create();
    private HttpServer http;

    @BeforeEach
    void startServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        respond("/ok", 200);
        respond("/created", 201);
        respond("/missing", 404);
        respond("/broken", 503);
        http.start();
    }

    @AfterEach
    void stopServer() {
        http.stop(0);
    }

    private void respond(String path, int status) {
        http.createContext(path, exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    private HealthResult get(String path, int expectedStatus) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
        HttpEndpointCheck.Builder builder = HttpEndpointCheck.builder(uri).clock(clock).timeout(Duration.ofSeconds(5));
        if (expectedStatus > 0) {
            builder.expectedStatus(expectedStatus);
        }
        return builder.build().check();
    }

    @Test
    void http2xxIsHealthy() throws Exception {
        assertThat(get("/ok", 0).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(get("/created", 0).details()).containsEntry("http.status", "201");
    }

    @Test
    void http5xxIsUnhealthyAndOtherStatusesDegraded() throws Exception {
        HealthResult broken = get("/broken", 0);
        assertThat(broken.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(broken.message()).endsWith("/broken returned 503");
        assertThat(get("/missing", 0).status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void expectedStatusIsTheOnlyHealthyOne() throws Exception {
        assertThat(get("/missing", 404).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(get("/ok", 204).status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void httpToAClosedPortThrows() throws Exception {
        int port = closedPort();
        HttpEndpointCheck check = HttpEndpointCheck.builder(URI.create("http://127.0.0.1:" + port + "/")).build();

        assertThatThrownBy(check::check).isInstanceOf(IOException.class);
    }

    @Test
    void tcpConnectsToAListeningPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HealthResult result = TcpEndpointCheck.create("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2), clock)
                    .check();

            assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.details()).containsEntry("endpoint", "127.0.0.1:" + server.getLocalPort());
        }
    }

    @Test
    void tcpToAClosedPortThrows() throws Exception {
        TcpEndpointCheck check = TcpEndpointCheck.create("127.0.0.1", closedPort());

        assertThatThrownBy(check::check).isInstanceOf(ConnectException.class);
    }

    @Test
    void rejectsBadEndpoints() {
        assertThatThrownBy(() -> TcpEndpointCheck.create("localhost", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointCheck.builder(URI.create("ftp://x/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpEndpointCheck.builder(URI.create("http://x/")).expectedStatus(99))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
