package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.events.LiveEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer that opens the live stream and never reads it (a frozen tab, a stuck proxy), over real
 * loopback sockets: the other viewers still get every event at once, and the stalled one is
 * disconnected once it is too far behind.
 */
class StalledLiveClientTest {

    /** Filler events of about 4 KB, published 64 at a time (256 KB). */
    private static final int CHUNK = 64;
    private static final String PAD = "x".repeat(4_000);
    /** Fillers published at most before the stalled client must have fallen behind (10 MiB, past any socket buffer). */
    private static final int MAX_FILLERS = 2_560;

    @TempDir
    Path data;

    @Test
    void aViewerThatNeverReadsDelaysNoOtherViewer() throws Exception {
        try (RunningServer running = new RunningServer(data);
                Socket stalled = neverReading(running);
                LiveLines healthy = new LiveLines(running.request("/api/v1/events", running.viewer)
                        .header("Accept", "text/event-stream").GET().build())) {
            EventStream events = running.server.events();
            List<String> lines = healthy.lines();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.clients() == 2);

            // Fill the stalled client's socket buffers: publish until, when the healthy client has
            // every filler, the stalled one is two chunks behind. The old stream wrote to each client
            // in turn on one thread: the healthy client stopped getting events here, until the
            // stalled client's write failed at the idle timeout (about 30 s).
            int published = 0;
            while (2L * published - events.sent() < 2 * CHUNK) {
                assertThat(published).as("the client that never reads never fell behind").isLessThan(MAX_FILLERS);
                published = publishFillers(events, published);
                int expected = published;
                Awaitility.await("the healthy client gets every filler").atMost(Duration.ofSeconds(5))
                        .until(() -> count(lines, "event: filler") == expected);
            }

            running.server.loop().guards().replace("db:primary",
                    GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
            running.post("/api/v1/circuits/db:primary/force-open", running.operator, "{\"reason\":\"marker\"}");
            Awaitility.await("the healthy client gets the marker").atMost(Duration.ofSeconds(5)).until(() -> lines.stream()
                    .anyMatch(line -> line.startsWith("data: ") && line.contains("FORCED_OPEN")));
            assertThat(events.clients()).as("the stalled viewer is still connected").isEqualTo(2);
            assertThat(events.sent()).as("the stalled viewer is still behind").isLessThan(2L * published);
            assertThat(events.cutOff()).isZero();

            // Once more than 4 MiB behind, the stalled client is disconnected: its connection ends.
            while (events.cutOff() == 0) {
                assertThat(published).as("the stalled client was never cut off").isLessThan(2 * MAX_FILLERS);
                published = publishFillers(events, published);
                int expected = published;
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> count(lines, "event: filler") == expected || events.cutOff() > 0);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.clients() == 1);
            assertThat(endsWithin(stalled, Duration.ofSeconds(10))).as("the stalled connection was closed").isTrue();
            events.publish(new LiveEvent("after", Map.of("n", 1)));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("event: after"));
            assertThat(events.cutOff()).isEqualTo(1);
            assertThat(running.get("/metrics", running.viewer).text())
                    .contains("homeostat_live_clients 1\n", "homeostat_live_clients_cut_off_total 1\n",
                            "homeostat_live_events_dropped_total 0\n");
        }
    }

    private static int publishFillers(EventStream events, int from) {
        for (int i = from; i < from + CHUNK; i++) {
            events.publish(new LiveEvent("filler", Map.of("n", i, "pad", PAD)));
        }
        return from + CHUNK;
    }

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** Opens the live stream with a viewer token on a socket with a small receive buffer, and never reads it. */
    private static Socket neverReading(RunningServer running) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1_024);
        socket.connect(new InetSocketAddress("127.0.0.1", running.server.port()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + running.server.port() + "\r\n"
                + "Authorization: Bearer " + running.viewer + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads {@code socket} to its end (what the buffers hold, then end of stream or a reset). */
    private static boolean endsWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // what was sent before the cut
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
