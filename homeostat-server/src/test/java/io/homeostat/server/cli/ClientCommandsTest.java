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
import io.homeostat.server.RunningServer;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        assertThat(out.toString()).contains("active incidents", "1");
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
        assertThat(err.toString()).contains("cannot reach");
    }
}
