package io.homeostat.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.homeostat.core.agent.HttpSignalPublisher;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.codec.SignalKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in core (HttpSignalPublisher) writes its batches by hand, beside the engine's
 * {@link SignalCodec} that the server reads them with; core cannot use the codec. This pins the
 * two together: every kind and every enum value the agent can send, with awkward strings and
 * numbers, is captured as the agent puts it on the wire, read back with the server's
 * {@link SignalBatchReader}, and compared field by field with what was published, and each
 * element's JSON equals what the codec itself writes for that signal.
 */
class AgentWireFormatTest {

    private static final Instant TIME = Instant.parse("2026-06-01T12:00:00.123456789Z");
    private static final String AWKWARD = "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u0007 nul \u0000"
            + " é ü 中文 emoji 😀 line-sep \u2028 para-sep \u2029 del \u007f";

    @TempDir
    Path spool;

    private final ObjectMapper json = new ObjectMapper();
    private final SignalCodec codec = SignalCodec.create();

    /** Every kind, every enum value of each, optional fields present and absent, edge values. */
    private static List<Signal> everything() {
        List<Signal> all = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("region", "eu-west-1");
        tags.put("note", AWKWARD);
        for (OperationOutcome.Status status : OperationOutcome.Status.values()) {
            for (ErrorCategory category : ErrorCategory.values()) {
                all.add(new OperationOutcome("llm:openai", status, category, 1_500_000L + category.ordinal(),
                        status == OperationOutcome.Status.FALLBACK ? "cache " + AWKWARD : null, TIME, tags));
            }
        }
        all.add(new OperationOutcome("llm:openai", OperationOutcome.Status.SUCCESS, null, 0, null, TIME, Map.of()));
        all.add(new OperationOutcome("llm:openai", OperationOutcome.Status.SUCCESS, null, Long.MAX_VALUE, null,
                Instant.parse("2026-06-01T12:00:00Z"), Map.of()));
        for (double value : new double[] {0.0, -0.0, 7.25, -42.0, 1e-7, 1.5e300, -1.5e-300, Double.MIN_VALUE,
                Double.MAX_VALUE, 1e15, 123456789.0, 0.1 + 0.2, Long.MAX_VALUE}) {
            all.add(new MetricSample("db:primary", "pool.active", value, TIME, Map.of("unit", "µs")));
        }
        for (HealthStatus status : HealthStatus.values()) {
            all.add(new HealthReport("db:primary", "ping " + status, status, Duration.ofNanos(12_345_678_901L),
                    Map.of("detail", AWKWARD, "pool", "7/10"), TIME, tags));
        }
        all.add(new HealthReport("db:primary", "ping", HealthStatus.HEALTHY, Duration.ZERO, Map.of(), TIME, Map.of()));
        for (CircuitState from : CircuitState.values()) {
            for (CircuitState to : CircuitState.values()) {
                all.add(new CircuitTransition("llm:openai", from, to, "failure rate 60 % " + AWKWARD,
                        new WindowSnapshot(10, 6, 1, 3), TIME, Map.of()));
            }
        }
        all.add(new CircuitTransition("llm:openai", CircuitState.OPEN, CircuitState.HALF_OPEN, "",
                new WindowSnapshot(Integer.MAX_VALUE, 0, 0, 0), TIME, Map.of()));
        for (ErrorCategory category : ErrorCategory.values()) {
            all.add(new FailureEvent("db:primary", category, "java.net.ConnectException", AWKWARD, TIME, tags));
        }
        all.add(new FailureEvent("db:primary", ErrorCategory.UNKNOWN, "java.lang.Error", "", TIME, Map.of()));
        return all;
    }

    @Test
    void everySignalTheAgentWritesReadsBackEqualAndAsTheCodecWritesIt() throws Exception {
        List<Signal> sent = everything();
        assertThat(sent.stream().map(SignalKind::of).collect(Collectors.toSet()))
                .as("every kind the codec knows is covered").isEqualTo(EnumSet.allOf(SignalKind.class));

        List<byte[]> bodies = capture(sent);

        SignalBatchReader reader = new SignalBatchReader(codec, 10_000, Duration.ofDays(1));
        List<Signal> read = new ArrayList<>();
        List<JsonNode> elements = new ArrayList<>();
        for (byte[] body : bodies) {
            reader.read(body, TIME).forEach(ingested -> read.add(ingested.signal()));
            json.readTree(body).path("signals").forEach(elements::add);
        }
        assertThat(read).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(read.get(i)).as("signal %d read back: %s", i, sent.get(i))
                    .usingRecursiveComparison().withStrictTypeChecking().isEqualTo(sent.get(i));
            assertThat(read.get(i)).isEqualTo(sent.get(i));
            ObjectNode agent = (ObjectNode) elements.get(i).deepCopy();
            assertThat(agent.remove("id")).as("signal %d has an id", i).isNotNull();
            JsonNode byCodec = json.readTree(codec.encode(sent.get(i)));
            assertThat(fieldNames(agent)).as("fields of signal %d", i).isEqualTo(fieldNames(byCodec));
            assertThat(agent).as("JSON of signal %d as the codec writes it", i).isEqualTo(byCodec);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** What the agent POSTs for {@code signals}, captured by a loopback HTTP server answering 202. */
    private List<byte[]> capture(List<Signal> signals) throws IOException, InterruptedException {
        LinkedBlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/signals", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodies.add(body);
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            ManualClock clock = ManualClock.at(TIME);
            HttpSignalPublisher agent = HttpSignalPublisher.builder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "token", spool)
                    .batchSize(signals.size()).scheduler(clock.scheduler()).build();
            agent.accept(signals);
            agent.close();
            assertThat(agent.stats().sentSignals()).as("sent, not spooled").isEqualTo(signals.size());
            List<byte[]> taken = new ArrayList<>();
            bodies.drainTo(taken);
            if (taken.isEmpty()) {
                taken.add(bodies.poll(10, TimeUnit.SECONDS));
            }
            return taken;
        } finally {
            server.stop(0);
        }
    }
}
