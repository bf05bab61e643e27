package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.homeostat.engine.alert.notify.WebhookChannel;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.server.runtime.ControlLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code homeostat.yaml}'s alerting section reaches people: an incident's alert is posted, signed,
 * to the webhook its route names, and an escalation pages the on-call level's receiver instead of
 * being logged as "nobody paged". Real HTTP on loopback to a receiver the test runs.
 */
class AlertingFromConfigFileTest {

    /** One request the test's receiver took: its path, signature header and body. */
    private record Received(String path, String signature, String body) {}

    @TempDir
    Path data;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Whether {@code /broken} answers 500 (else 204, as a mended receiver). */
    private final AtomicBoolean broken = new AtomicBoolean(true);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst(WebhookChannel.SIGNATURE_HEADER),
                    new String(body, StandardCharsets.UTF_8)));
            boolean failing = broken.get() && exchange.getRequestURI().getPath().equals("/broken");
            exchange.sendResponseHeaders(failing ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private Path file() throws IOException {
        return file("/ops");
    }

    /** The file, the root route's webhook posting to {@code opsPath} ({@code /broken} answers 500 while {@link #broken}). */
    private Path file(String opsPath) throws IOException {
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        return Files.writeString(data.resolve("homeostat.yaml"), """
                alerting:
                  receivers:
                    - name: ops
                      webhook: {url: "%s%s", secret: s3cret}
                    - name: pager
                      webhook: {url: "%s/page", secret: s3cret}
                  route:
                    receiver: ops
                    groupWait: 1s
                  oncall:
                    - level: primary
                      receiver: pager
                      people: [alice]
                      shift: 7d
                      start: 2026-01-05T09:00:00Z
                    - level: incident-response
                      receiver: pager
                      people: [bob]
                      shift: 7d
                      start: 2026-01-05T09:00:00Z
                """.formatted(base, opsPath, base));
    }

    private RunningServer start() throws IOException {
        return start(file());
    }

    private RunningServer start(Path file) {
        return RunningServer.withConfigFile(data, file, fromFile -> fromFile.withAddress("127.0.0.1", 0)
                .withDataDirectory(data));
    }

    @Test
    void anIncidentsAlertIsPostedSignedToTheRoutesWebhook() throws IOException {
        try (RunningServer running = start()) {
            running.openBreaker("llm:openai");

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                running.clock.advance(Duration.ofSeconds(1));
                return received.stream().anyMatch(r -> r.path().equals("/ops"));
            });
            Received alert = received.stream().filter(r -> r.path().equals("/ops")).findFirst().orElseThrow();
            assertThat(alert.body()).contains("llm:openai");
            assertThat(alert.signature()).isNotBlank();
        }
    }

    @Test
    void anEscalationPagesTheOnCallLevelsReceiver() throws IOException {
        try (RunningServer running = start()) {
            ControlLoop loop = running.server.loop();
            loop.recovery().flags().kill(true); // every run is held, and a hold goes to a person
            running.openBreaker("llm:openai");

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
                running.clock.advance(Duration.ofSeconds(1));
                return received.stream().anyMatch(r -> r.path().equals("/page"));
            });
            loop.store().auditLog().flush();
            List<AuditRecord> escalations = loop.store().auditLog().query(AuditQuery.between(RunningServer.START,
                    running.clock.instant().plusSeconds(1))).stream()
                    .filter(r -> r.action().startsWith("recovery.escalation.")).toList();
            assertThat(escalations).isNotEmpty().noneSatisfy(r -> assertThat(r.reason()).contains("nobody paged"));
        }
    }

    @Test
    void aWebhookThatKeepsFailingIsSeenOnHealthAndInTheMetrics() throws IOException {
        try (RunningServer running = start(file("/broken"))) {
            assertThat(running.get("/health", null).json().path("checks").path("alerts.delivery").asText()).isEqualTo("up");
            running.openBreaker("llm:openai");

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                running.clock.advance(Duration.ofSeconds(10)); // through the channel's retries
                return running.get("/health", null).json().path("checks").path("alerts.delivery").asText()
                        .startsWith("degraded: alerts could not be delivered");
            });
            assertThat(received).anyMatch(r -> r.path().equals("/broken"));
            assertThat(running.get("/metrics", running.viewer).text()).contains(
                    "homeostat_alert_deliveries_total{receiver=\"ops\",channel=\"ops.webhook\",outcome=\"given_up\"} 1");

            broken.set(false); // the receiver is mended: what the alert's group sends from now on arrives
            running.clock.advance(Duration.ofMinutes(11));
            assertThat(running.get("/health", null).json().path("checks").path("alerts.delivery").asText())
                    .as("ten minutes after the last message given up").isEqualTo("up");
        }
    }

    @Test
    void configShowsTheReceiversAndWhoIsOnCallWithoutSecrets() throws IOException {
        try (RunningServer running = start()) {
            RunningServer.Answer answer = running.get("/api/v1/config", running.viewer);

            JsonNode alerting = answer.json().path("loop").path("alerting");
            assertThat(alerting.path("rootReceiver").asText()).isEqualTo("ops");
            assertThat(alerting.path("receivers").path("pager").get(0).asText()).isEqualTo("pager.webhook");
            assertThat(alerting.path("onCall").path("primary").path("receiver").asText()).isEqualTo("pager");
            assertThat(alerting.path("onCall").path("primary").path("now").asText()).isEqualTo("alice");
            assertThat(answer.text()).doesNotContain("s3cret");
        }
    }

    @Test
    void aReloadSaysAChangedAlertingSectionTakesARestart() throws IOException {
        try (RunningServer running = start()) {
            Path file = data.resolve("homeostat.yaml");
            Files.writeString(file, Files.readString(file).replace("s3cret", "rotated"));

            RunningServer.Answer answer = running.post("/api/v1/config/reload", running.admin, "");

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().path("restartRequired").toString()).isEqualTo("[\"alerting\"]");
        }
    }
}
