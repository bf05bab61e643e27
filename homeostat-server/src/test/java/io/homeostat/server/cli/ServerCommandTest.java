package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code homeostat server} refuses bad options before it starts anything. */
class ServerCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new HomeostatCommand());
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThat(run("server", "--config", dir.resolve("nope.yaml").toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yaml", "no such file");
        assertThat(dir.resolve("tokens")).doesNotExist();
    }

    @Test
    void aBadConfigFileIsNamedWithLineAndKey() throws IOException {
        Path file = Files.writeString(dir.resolve("homeostat.yaml"), "server:\n  port: 8080\n  hots: 0.0.0.0\n");
        assertThat(run("server", "--config", file.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("homeostat.yaml", "3", "hots");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThat(run("server", "--port", "70000", "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("port");
        assertThat(run("server", "--port", "eighty")).isEqualTo(2);
    }

    @Test
    void aBadEnvironmentVariableIsNamed() {
        CommandLines run = new CommandLines(Map.of("HOMEOSTAT_SERVER_PORT", "eighty"));
        assertThat(run.run("server", "--data", dir.toString())).isEqualTo(2);
        assertThat(run.err.toString()).contains("environment: HOMEOSTAT_SERVER_PORT='eighty' must be an integer");
        assertThat(dir.resolve("tokens")).doesNotExist();
    }
}
