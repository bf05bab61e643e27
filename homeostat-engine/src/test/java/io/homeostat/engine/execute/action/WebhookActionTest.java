package io.homeostat.engine.execute.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.plan.RiskLevel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookActionTest {

    private static final String SECRET = "0123456789abcdef-secret";
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.put("signature", exchange.getRequestHeaders().getFirst(WebhookAction.SIGNATURE));
            received.put("timestamp", exchange.getRequestHeaders().getFirst(WebhookAction.TIMESTAMP));
            received.put("key", exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookAction action() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        return new WebhookAction(List.of(new WebhookTarget("scale", url, SECRET, RiskLevel.MEDIUM, Duration.ofSeconds(5))),
                clock);
    }

    @Test
    void postsABodyTheReceiverCanVerifyWithTheSharedSecret() {
        action().run(Requests.on("orders", Map.of("target", "scale", "delta", "+1")));

        String body = received.get("body");
        assertThat(body).contains("\"delta\":\"+1\"").contains("\"service\":\"orders\"").doesNotContain("target");
        assertThat(received.get("timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(received.get("signature"))
                .isEqualTo("sha256=" + WebhookAction.sign(SECRET, received.get("timestamp") + "." + body))
                .isNotEqualTo("sha256=" + WebhookAction.sign("another-secret-of-16", received.get("timestamp") + "." + body));
        assertThat(received.get("key")).isEqualTo("inc-1/run-1/step#1");
    }

    @Test
    void aNon2xxAnswerFailsTheAction() {
        status.set(503);
        assertThatThrownBy(() -> action().run(Requests.on("orders", Map.of("target", "scale"))))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("503");
    }

    @Test
    void anUnknownTargetIsAnUnmetPrerequisiteAndHighRisk() {
        WebhookAction action = action();
        assertThat(action.unmetPrerequisite(Requests.on("orders", Map.of("target", "nope")))).isPresent();
        assertThat(action.unmetPrerequisite(Requests.on("orders", Map.of("target", "scale")))).isEmpty();
        assertThat(action.risk(Map.of("target", "nope"))).isEqualTo(RiskLevel.HIGH);
        assertThat(action.risk(Map.of("target", "scale"))).isEqualTo(RiskLevel.MEDIUM);
    }
}
