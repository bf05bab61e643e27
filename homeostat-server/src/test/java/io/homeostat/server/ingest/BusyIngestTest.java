package io.homeostat.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.homeostat.core.agent.HttpSignalPublisher;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.codec.SignalCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An overloaded server answers 503 and the agent keeps the batch and sends it again: nothing is
 * lost, nothing arrives twice. The server side is a real {@link Ingest} over a bus with room for
 * four signals, behind a loopback HTTP server that answers as the server's ingest route does.
 */
class BusyIngestTest {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path spool;

    @Test
    void aBatchRefusedAsBusyIsResentByTheAgentAndArrivesOnce() throws Exception {
        ManualClock clock = ManualClock.at(START);
        InProcessSignalBus bus = InProcessSignalBus.builder().capacity(4).buildManual();
        List<Double> received = new ArrayList<>();
        bus.subscribe(batch -> batch.forEach(signal -> received.add(((MetricSample) signal).value())));
        Ingest ingest = new Ingest(new SignalBatchReader(SignalCodec.create(), 100, Duration.ofMinutes(5)), bus,
                new SeenIds(1_000), clock);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        List<String> retryAfter = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/signals", exchange -> {
            int status;
            try {
                ingest.accept(exchange.getRequestBody().readAllBytes());
                status = 202;
            } catch (IngestRejectedException e) {
                status = e.status();
                if (e.busy()) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
            }
            statuses.add(status);
            retryAfter.add(String.valueOf(exchange.getResponseHeaders().getFirst("Retry-After")));
            answer(exchange, status);
        });
        server.start();
        List<Signal> published = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            published.add(new MetricSample("checkout", "latency.ms", i, START, Map.of()));
        }
        try (HttpSignalPublisher agent = HttpSignalPublisher.builder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "token", spool)
                .batchSize(3).backoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .scheduler(clock.scheduler()).build()) {
            agent.accept(published.subList(0, 3));
            await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() == 1);
            agent.accept(published.subList(3, 6)); // one place left on the bus: refused whole
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.stats().spoolEntries() == 1);
            assertThat(statuses).containsExactly(202, 503);
            assertThat(retryAfter).containsExactly("null", "1");
            assertThat(bus.pending()).isEqualTo(3);

            bus.drain(); // the loop catches up
            clock.advance(Duration.ofSeconds(2)); // past the agent's back-off
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.stats().spoolEntries() == 0);
            assertThat(agent.stats().sentSignals()).isEqualTo(6);
            assertThat(agent.stats().droppedSignals()).isZero();
        } finally {
            server.stop(0);
        }
        bus.drain();
        assertThat(received).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(ingest.totals()).isEqualTo(new IngestTotals(6, 0, 1, 0));
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
