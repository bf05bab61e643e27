package io.homeostat.core.health.checks;

import io.homeostat.core.health.HealthCheck;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens (and closes) a TCP connection to {@code host:port}: healthy when it connects within the
 * connect timeout (default 2 s); otherwise the check throws the socket's {@link IOException}.
 * Details: {@code endpoint}, {@code connect.ms}. Thread-safe.
 */
public final class TcpEndpointCheck implements HealthCheck {

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Clock clock;

    private TcpEndpointCheck(String host, int port, Duration connectTimeout, Clock clock) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.clock = clock;
    }

    /** {@code host:port} with a 2 s connect timeout, timed on the system clock. */
    public static TcpEndpointCheck create(String host, int port) {
        return create(host, port, Duration.ofSeconds(2), Clock.system());
    }

    /**
     * {@code host:port} with {@code connectTimeout}, timed on {@code clock}.
     *
     * @throws IllegalArgumentException if the host is blank, the port is not 1 to 65535 or the
     *     timeout is not positive
     */
    public static TcpEndpointCheck create(String host, int port, Duration connectTimeout, Clock clock) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        return new TcpEndpointCheck(host, port, Durations.requirePositive(connectTimeout, "connectTimeout"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** @throws IOException if the connection is refused, times out or the host is unknown */
    @Override
    public HealthResult check() throws IOException {
        long start = clock.monotonicNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        }
        long millis = Duration.ofNanos(clock.monotonicNanos() - start).toMillis();
        return HealthResult.healthy().withDetail("endpoint", host + ":" + port).withDetail("connect.ms", millis);
    }
}
