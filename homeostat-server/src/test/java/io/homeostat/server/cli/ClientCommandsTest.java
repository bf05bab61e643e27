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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator's CLI against a running server on loopback. */
class ClientCommandsTest {

    @TempDir
    Path data;

    private RunningServer running;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        running = new RunningServer(data);
        running.server.loop().guards().replace("db:primary",
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.defaults()).build());
        running.server.loop().tracker().observe(new Detection("d-1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey("db:primary", "error.rate"), "errors", "error-rate-high",
                Severity.HIGH, 0.9, "error rate 40 %", Map.of(), RunningServer.START));
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new HomeostatCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private String url() {
        return "--url=http://127.0.0.1:" + running.server.port();
    }

    @Test
    void statusPrintsTheOverviewAsATableOrAsJson() throws Exception {
        assertThat(run("status", url(), "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("active incidents", "1").containsPattern("kill switch\\s+off")
                .containsPattern("automation mode\\s+FULL").containsPattern("degradation\\s+FULL")
                .containsPattern("recovery runs\\s+0").containsPattern("awaiting approval\\s+0")
                .containsPattern("records stored\\s+[0-9]+").containsPattern("records lost\\s+0");
        out.getBuffer().setLength(0);
        assertThat(run("status", url(), "--token", running.viewer, "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("activeIncidents").asInt()).isEqualTo(1);
    }

    @Test
    void incidentsListsAndFilters() {
        assertThat(run("incidents", url(), "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("ID", "STATUS", "OPEN", "HIGH", "db:primary");
        out.getBuffer().setLength(0);
        assertThat(run("incidents", url(), "--token", running.viewer, "--status", "resolved")).isZero();
        assertThat(out.toString().strip().lines()).hasSize(1); // the header only
        assertThat(run("incidents", url(), "--token", running.viewer, "--status", "burning")).isEqualTo(1);
        assertThat(err.toString()).contains("400", "status");
    }

    @Test
    void circuitsListsAndAnOperatorForcesOpenWhileAViewerCannot() {
        assertThat(run("circuits", url(), "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("db:primary", "CLOSED", "local");

        assertThat(run("circuits", "force-open", "db:primary", "--reason", "drill", url(), "--token", running.viewer)).isEqualTo(1);
        assertThat(err.toString()).contains("403");
        assertThat(running.server.loop().circuits().find("db:primary").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);

        assertThat(run("circuits", "force-open", "db:primary", "--reason", "drill", url(), "--token", running.operator)).isZero();
        assertThat(out.toString()).contains("db:primary is now FORCED_OPEN");
        assertThat(run("circuits", "reset", "db:primary", url(), "--token", running.operator)).isEqualTo(2);
    }

    @Test
    void aMissingTokenOrServerIsReportedNotThrown() {
        assertThat(run("status", url(), "--token", "")).isEqualTo(1);
        assertThat(err.toString()).contains("no token");
        assertThat(run("status", "--url=http://127.0.0.1:1", "--token", running.viewer)).isEqualTo(1);
        assertThat(err.toString()).contains("homeostat status: cannot reach http://127.0.0.1:1: connection refused")
                .doesNotContain("null");
    }

    @Test
    void incidentsStopsAtTheLimitAndSaysSo() {
        assertThat(run("incidents", url(), "--token", running.viewer)).isZero();
        assertThat(err.toString()).isEmpty(); // one incident, limit 100
        assertThat(run("incidents", url(), "--token", running.viewer, "--limit", "1")).isZero();
        assertThat(out.toString()).contains("db:primary");
        assertThat(err.toString()).contains("homeostat incidents: showing the first 1", "--limit");
        err.getBuffer().setLength(0);
        assertThat(run("incidents", url(), "--token", running.viewer, "--limit", "0")).isEqualTo(2);
        assertThat(run("incidents", url(), "--token", running.viewer, "--limit", "10001")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit must be in [1, 10000], was 10001");
    }

    @Test
    void aTrailingSlashInTheUrlIsIgnored() {
        assertThat(run("status", url() + "/", "--token", running.viewer)).as(err.toString()).isZero();
        assertThat(run("incidents", url() + "//", "--token", running.viewer)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("active incidents", "db:primary");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageErrorNotAStackTrace() {
        assertThat(run("status", "--url", "127.0.0.1:" + running.server.port(), "--token", running.viewer)).isEqualTo(2);
        assertThat(err.toString()).contains("invalid --url '127.0.0.1:" + running.server.port() + "'", "http://HOST:PORT");
        err.getBuffer().setLength(0);
        assertThat(run("alerts", "--url", "not a url", "--token", running.viewer)).isEqualTo(2);
        assertThat(err.toString()).contains("invalid --url 'not a url'").doesNotContain("Exception");
        err.getBuffer().setLength(0);
        assertThat(run("circuits", "--url", "ftp://127.0.0.1:21", "--token", running.viewer)).isEqualTo(2);
        assertThat(err.toString()).contains("invalid --url 'ftp://127.0.0.1:21'");
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
            assertThat(run("status", "--url=http://127.0.0.1:" + other.getAddress().getPort(), "--token", running.viewer))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("answered HTTP 404 with something other than JSON (text/html)",
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
            assertThat(run("status", "--url=http://127.0.0.1:" + other.getAddress().getPort(), "--token", running.viewer))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("server answered 409: ALREADY_RUNNING: run r-1 is still running")
                    .doesNotContain("{");
        } finally {
            other.stop(0);
        }
    }
}
