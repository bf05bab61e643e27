package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the OpenAPI document says reads a body, over loopback HTTP, with bodies that are not
 * a JSON object: each answers 400 naming {@code $}, never 500; and values of the wrong JSON type
 * are refused naming their field, not coerced.
 */
class RequestBodyTest {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    @RegisterExtension
    final RunningServer running = RunningServer.withApprovals("orders");

    @BeforeEach
    void addABreakerAndAFlag() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        running.server.loop().toggles().register("recommendations", DegradationLevel.FULL);
    }

    /** The documented operations with a request body, their path parameters filled with things that exist. */
    private List<String> postsWithABody() {
        running.server.loop().alerting().fire(Alert.of("payments", Severity.HIGH, "errors", "", "errors on payments",
                RunningServer.START));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                running.get("/api/v1/alerts", running.viewer).json().path("alerts").size() == 1);
        RunningServer.Answer run = running.post("/api/v1/workflows/restart-now/runs", running.operator,
                "{\"service\":\"orders\",\"reason\":\"drill\"}");
        assertThat(run.status()).as(run.text()).isEqualTo(201);
        Map<String, String> values = Map.of(
                "fingerprint", running.get("/api/v1/alerts", running.viewer).json().path("alerts").get(0)
                        .path("fingerprint").asText(),
                "runId", run.json().path("runId").asText(),
                "id", run.json().path("incidentId").asText());
        List<String> posts = new ArrayList<>();
        running.get("/api/v1/openapi.json", null).json().path("paths").fields().forEachRemaining(path -> {
            JsonNode post = path.getValue().path("post");
            if (post.has("requestBody")) {
                Matcher matcher = PATH_PARAM.matcher(path.getKey());
                StringBuilder filled = new StringBuilder();
                while (matcher.find()) {
                    String name = matcher.group(1);
                    String value = switch (name) {
                        case "name" -> path.getKey().startsWith("/api/v1/circuits/") ? "db:primary"
                                : path.getKey().startsWith("/api/v1/flags/") ? "recommendations" : "restart-now";
                        default -> values.get(name);
                    };
                    assertThat(value).as("a value for {" + name + "} in " + path.getKey()).isNotNull();
                    matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
                }
                matcher.appendTail(filled);
                posts.add(filled.toString());
            }
        });
        return posts;
    }

    @Test
    void everyBodyThatIsNotAJsonObjectIsRefusedWith400NamingTheWholeBody() {
        List<String> posts = postsWithABody();
        assertThat(posts).contains("/api/v1/degradation", "/api/v1/circuits/db:primary/reset",
                "/api/v1/alerts/silences", "/api/v1/flags/recommendations", "/api/v1/tokens", "/api/v1/session");
        for (String path : posts) {
            for (String body : List.of("null", "[]", "\"drill\"", "5")) {
                RunningServer.Answer answer = running.post(path, running.admin, body);
                assertThat(answer.status()).as(path + " " + body + ": " + answer.text()).isEqualTo(400);
                assertThat(answer.json().path("status").asInt()).as(path + " " + body).isEqualTo(400);
                assertThat(answer.json().path("field").asText()).as(path + " " + body).isEqualTo("$");
            }
        }
        assertThat(running.post("/api/v1/degradation", running.operator, "null").json().path("error").asText())
                .isEqualTo("$: expected a JSON object, got null");
        assertThat(running.server.loop().degradation().level()).isEqualTo(DegradationLevel.FULL);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNamingItsFieldAndChangesNothing() {
        RunningServer.Answer fraction = running.post("/api/v1/alerts/silences", running.operator,
                "{\"matchers\":{\"service\":\"payments\"},\"minutes\":5.9,\"comment\":\"deploy\"}");
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().path("field").asText()).isEqualTo("minutes");
        assertThat(fraction.json().path("error").asText()).isEqualTo("minutes: expected a whole number, got 5.9");
        RunningServer.Answer number = running.post("/api/v1/alerts/silences", running.operator,
                "{\"matchers\":{\"service\":\"payments\"},\"minutes\":5,\"comment\":12}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().path("field").asText()).isEqualTo("comment");
        assertThat(running.get("/api/v1/alerts/silences", running.viewer).json().path("silences")).isEmpty();

        RunningServer.Answer zero = running.post("/api/v1/flags/recommendations", running.operator,
                "{\"enabled\":0,\"reason\":\"slow\"}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("field").asText()).isEqualTo("enabled");
        assertThat(running.server.loop().toggles().isEnabled("recommendations")).isTrue();

        RunningServer.Answer token = running.post("/api/v1/tokens", running.admin, "{\"name\":1,\"role\":\"viewer\"}");
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.json().path("field").asText()).isEqualTo("name");
        assertThat(running.server.tokens().list()).extracting(p -> p.name()).doesNotContain("1");
        assertThat(running.get("/api/v1/audit", running.viewer).json().path("records").findValuesAsText("action"))
                .doesNotContain("api.silence.create", "api.flag.set", "api.token.create");
    }
}
