package io.homeostat.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.server.api.JacksonJson;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A quiet stream sends keep-alive comments: a client sees them (and no event), and a client that
 * went away while nothing happened is found and removed without waiting for an event.
 */
class EventStreamKeepAliveTest {

    private final EventStream stream = new EventStream(new JacksonJson(), Duration.ofMillis(100));
    private final Javalin http = Javalin.create(javalin -> {
        javalin.startup.showJavalinBanner = false;
        javalin.jetty.host = "127.0.0.1";
        javalin.jetty.port = 0;
        javalin.routes.addHttpHandler(HandlerType.GET, "/events", new SseHandler(stream::attach));
    }).start();

    @AfterEach
    void stop() {
        stream.close();
        http.stop();
    }

    private Socket open() throws Exception {
        Socket socket = new Socket("127.0.0.1", http.port());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    @Timeout(30)
    void aQuietStreamSendsCommentsAndFindsAClientThatWentAway() throws Exception {
        try (Socket reader = open()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int pings = 0;
            while (pings < 2 && (line = lines.readLine()) != null) {
                assertThat(line).doesNotStartWith("event:");
                pings += line.equals(": ping") ? 1 : 0;
            }
            assertThat(pings).isEqualTo(2);
            assertThat(stream.sent()).as("comments are not counted as events").isZero();

            Socket gone = open();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.clients() == 2);
            gone.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.clients() == 1);
        }
    }
}
