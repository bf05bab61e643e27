package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.server.events.EventStream;
import io.homeostat.server.events.LiveEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live stream takes at most {@link EventStream#MAX_CLIENTS} clients, over real loopback
 * sockets: one more is answered 503 with {@code Retry-After} and counted, and once a client has gone
 * the next one is taken again.
 */
class LiveClientLimitTest {

    @TempDir
    Path data;

    @Test
    void oneClientMoreThanTheLimitIsToldToComeBackLater() throws Exception {
        List<Socket> open = new ArrayList<>();
        try (RunningServer running = new RunningServer(data)) {
            EventStream events = running.server.events();
            for (int i = 0; i < EventStream.MAX_CLIENTS; i++) {
                open.add(running.openLiveStream(running.viewer));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events.clients() == EventStream.MAX_CLIENTS);
            for (Socket socket : open.subList(0, 3)) {
                assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
            }

            try (Socket refused = running.openLiveStream(running.viewer)) {
                List<String> head = head(refused);
                assertThat(head.getFirst()).isEqualTo("HTTP/1.1 503 Service Unavailable");
                assertThat(head).contains("Retry-After: " + EventStream.RETRY_AFTER_SECONDS);
            }
            assertThat(events.refused()).isEqualTo(1);
            assertThat(events.clients()).isEqualTo(EventStream.MAX_CLIENTS);
            assertThat(running.get("/metrics", running.viewer).text())
                    .contains("homeostat_live_clients " + EventStream.MAX_CLIENTS + "\n",
                            "homeostat_live_clients_refused_total 1\n");

            // A client that went away is found when a write to it fails: send events until it is.
            open.removeFirst().close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                events.publish(new LiveEvent("poke", Map.of()));
                return events.clients() == EventStream.MAX_CLIENTS - 1;
            });
            Socket again = running.openLiveStream(running.viewer);
            open.add(again);
            assertThat(statusLine(again)).isEqualTo("HTTP/1.1 200 OK");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.clients() == EventStream.MAX_CLIENTS);
            assertThat(events.refused()).isEqualTo(1);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private static String statusLine(Socket socket) throws IOException {
        return head(socket).getFirst();
    }

    /** The status line and headers of the answer on {@code socket}. */
    private static List<String> head(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
