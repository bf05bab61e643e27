package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import com.sun.net.httpserver.HttpServer;
import io.homeostat.server.RunningServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's CLI against a running server on loopback. */
class ClientCommandsTest {

    @RegisterExtension
    final RunningServer running = RunningServer.perTest();

    private final CommandLines cli = new CommandLines(Map.of());

    @BeforeEach
    void addABreakerAndAnIncident() {
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        running.server.loop().tracker().observe(new Detection("d-1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey("db:primary", "error.rate"), "errors", "error-rate-high",
                Severity.HIGH, 0.9, "error rate 40 %", Map.of(), RunningServer.START));
    }

    private String url() {
        return "--url=http://127.0.0.1:" + running.server.port();
    }

    @Test
    void statusPrintsTheOverviewAsATableOrAsJson() throws Exception {
        assertThat(cli.run("status", url(), "--token", running.viewer)).isZero();
        assertThat(cli.out.toString()).contains("active incidents", "1").containsPattern("kill switch\\s+off")
                .containsPattern("automation mode\\s+FULL").containsPattern("degradation\\s+FULL")
                .containsPattern("recovery runs\\s+0").containsPattern("awaiting approval\\s+0")
                .containsPattern("records stored\\s+[0-9]+").containsPattern("records lost\\s+0");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("status", url(), "--token", running.viewer, "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out.toString());
        assertThat(json.path("activeIncidents").asInt()).isEqualTo(1);
    }

    @Test
    void anAdminListsCreatesAndRevokesTokensWhileAnOperatorCannot() {
        assertThat(cli.run("tokens", url(), "--token", running.admin)).isZero();
        assertThat(cli.out.toString()).contains("NAME", "ROLE", "admin", "watcher", "viewer");
        assertThat(cli.run("tokens", "create", "ci", "--role", "viewer", url(), "--token", running.operator)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("403");
        assertThat(cli.run("tokens", "create", "ci", url(), "--token", running.admin)).as("no --role").isEqualTo(2);

        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("tokens", "create", "ci", "--role", "viewer", url(), "--token", running.admin)).isZero();
        String secret = cli.out.toString().replaceAll("(?s).*\\(viewer\\): (hst_\\S+).*", "$1");
        assertThat(secret).startsWith("hst_");
        assertThat(cli.run("status", url(), "--token", secret)).isZero();

        assertThat(cli.run("tokens", "revoke", "ci", url(), "--token", running.admin)).isZero();
        assertThat(cli.out.toString()).contains("revoked ci (viewer)");
        assertThat(cli.run("status", url(), "--token", secret)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("401");
        assertThat(cli.run("tokens", "revoke", "admin", url(), "--token", running.admin)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("409", "only admin token");
    }

    @Test
    void incidentsListsAndFilters() {
        assertThat(cli.run("incidents", url(), "--token", running.viewer)).isZero();
        assertThat(cli.out.toString()).contains("ID", "STATUS", "OPEN", "HIGH", "db:primary");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("incidents", url(), "--token", running.viewer, "--status", "resolved")).isZero();
        assertThat(cli.out.toString().strip().lines()).hasSize(1); // the header only
        assertThat(cli.run("incidents", url(), "--token", running.viewer, "--status", "burning")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("400", "status");
    }

    @Test
    void circuitsListsAndAnOperatorForcesOpenWhileAViewerCannot() {
        assertThat(cli.run("circuits", url(), "--token", running.viewer)).isZero();
        assertThat(cli.out.toString()).contains("db:primary", "CLOSED", "local");

        assertThat(cli.run("circuits", "force-open", "db:primary", "--reason", "drill", url(), "--token", running.viewer))
                .isEqualTo(1);
        assertThat(cli.err.toString()).contains("403");
        assertThat(running.server.loop().circuits().find("db:primary").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);

        assertThat(cli.run("circuits", "force-open", "db:primary", "--reason", "drill", url(), "--token", running.operator))
                .isZero();
        assertThat(cli.out.toString()).contains("db:primary is now FORCED_OPEN");
        assertThat(cli.run("circuits", "reset", "db:primary", url(), "--token", running.operator)).isEqualTo(2);
    }

    @Test
    void aMissingTokenOrServerIsReportedNotThrown() {
        assertThat(cli.run("status", url(), "--token", "")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("no token");
        assertThat(cli.run("status", "--url=http://127.0.0.1:1", "--token", running.viewer)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("homeostat status: cannot reach http://127.0.0.1:1: connection refused")
                .doesNotContain("null");
    }

    @Test
    void incidentsStopsAtTheLimitAndSaysSo() {
        assertThat(cli.run("incidents", url(), "--token", running.viewer)).isZero();
        assertThat(cli.err.toString()).isEmpty(); // one incident, limit 100
        assertThat(cli.run("incidents", url(), "--token", running.viewer, "--limit", "1")).isZero();
        assertThat(cli.out.toString()).contains("db:primary");
        assertThat(cli.err.toString()).contains("homeostat incidents: showing the first 1", "--limit");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("incidents", url(), "--token", running.viewer, "--limit", "0")).isEqualTo(2);
        assertThat(cli.run("incidents", url(), "--token", running.viewer, "--limit", "10001")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--limit must be in [1, 10000], was 10001");
    }

    @Test
    void aTrailingSlashInTheUrlIsIgnored() {
        assertThat(cli.run("status", url() + "/", "--token", running.viewer)).as(cli.err.toString()).isZero();
        assertThat(cli.run("incidents", url() + "//", "--token", running.viewer)).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("active incidents", "db:primary");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageErrorNotAStackTrace() {
        assertThat(cli.run("status", "--url", "127.0.0.1:" + running.server.port(), "--token", running.viewer))
                .isEqualTo(2);
        assertThat(cli.err.toString()).contains("invalid --url '127.0.0.1:" + running.server.port() + "'",
                "http://HOST:PORT");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("alerts", "--url", "not a url", "--token", running.viewer)).isEqualTo(2);
        assertThat(cli.err.toString()).contains("invalid --url 'not a url'").doesNotContain("Exception");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("circuits", "--url", "ftp://127.0.0.1:21", "--token", running.viewer)).isEqualTo(2);
        assertThat(cli.err.toString()).contains("invalid --url 'ftp://127.0.0.1:21'");
    }

    @Test
    void aServerThatDoesNotAnswerJsonIsNamedAsSuch() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            assertThat(cli.run("status", "--url=http://127.0.0.1:" + other.getAddress().getPort(), "--token",
                    running.viewer)).isEqualTo(1);
            assertThat(cli.err.toString()).contains("answered HTTP 404 with something other than JSON (text/html)",
                    "is --url a Homeostat server?").doesNotContain("cannot reach", "Unexpected character");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aRefusalThatAnswersWithAnOutcomeIsSaidInWordsNotJson() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] body = "{\"outcome\":\"ALREADY_RUNNING\",\"runId\":\"\",\"reason\":\"run r-1 is still running\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(409, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            assertThat(cli.run("status", "--url=http://127.0.0.1:" + other.getAddress().getPort(), "--token",
                    running.viewer)).isEqualTo(1);
            assertThat(cli.err.toString()).contains("server answered 409: ALREADY_RUNNING: run r-1 is still running")
                    .doesNotContain("{");
        } finally {
            other.stop(0);
        }
    }
}
