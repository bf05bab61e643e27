package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.RunningServer;
import io.homeostat.server.ServerConfig;
import io.homeostat.store.jdbc.LoopStateStats;
import io.homeostat.store.jdbc.WriterStats;
import io.homeostat.store.spool.SpoolStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code homeostat server} refuses bad options before it starts anything, reports a start that
 * fails in one line, and says on stopping whether the store took everything.
 */
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
        assertThat(dir.resolve("homeostat.mv.db")).as("no database made").doesNotExist();
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
    void aBlankHostInTheFileIsNamedWithLineAndKey() throws IOException {
        Path file = Files.writeString(dir.resolve("homeostat.yaml"), "server:\n  port: 0\n  host: \"\"\n");
        assertThat(run("server", "--config", file.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("homeostat server: ", "homeostat.yaml:3:", "server.host: must not be empty")
                .doesNotContain("Exception");
    }

    @Test
    void theOverridesOfTheEnvironmentAndTheOptionsWinOverWhatTheFileSaysLater() {
        Settings settings = Settings.resolve(null, Map.of("HOMEOSTAT_SERVER_HOST", "127.0.0.3"), null, 18103, dir);
        ServerConfig fileLater = ServerConfig.defaults().withAddress("127.0.0.2", 18199)
                .withDataDirectory(Path.of("/elsewhere"));

        ServerConfig effective = settings.overrides().apply(fileLater);

        assertThat(effective.host()).isEqualTo("127.0.0.3");
        assertThat(effective.port()).isEqualTo(18103);
        assertThat(effective.dataDirectory()).isEqualTo(dir);
        assertThat(settings.overrides().apply(ServerConfig.defaults())).isEqualTo(settings.server());
    }

    @Test
    void anEmptyDataOptionIsRefused() {
        assertThatThrownBy(() -> Settings.resolve(null, Map.of(), null, null, Path.of("")))
                .isInstanceOf(Settings.InvalidSettingsException.class).hasMessageContaining("--data must not be empty");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPortInUseIsOneLineAndExitOneBeforeTheDataDirectoryIsTouched() throws IOException {
        Path fresh = dir.resolve("fresh");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("server", "--port", String.valueOf(taken.getLocalPort()), "--data", fresh.toString())).isEqualTo(1);
            assertThat(err.toString().strip().lines().toList())
                    .containsExactly("homeostat server: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use");
        }
        assertThat(fresh).as("no database made for a server that could not start").doesNotExist();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDataDirectoryInUseIsOneLineAndExitOne() throws IOException {
        CommandLines migrate = new CommandLines(Map.of());
        assertThat(migrate.run("db", "migrate", "--data", dir.toString())).as(migrate.err.toString()).isZero();
        // As another process holds it: H2 takes the same lock on the file.
        try (FileChannel database = FileChannel.open(dir.resolve("homeostat.mv.db"), StandardOpenOption.WRITE);
                FileLock lock = database.tryLock()) {
            assertThat(lock).isNotNull();
            assertThat(run("server", "--port", "0", "--data", dir.toString())).isEqualTo(1);
        }
        assertThat(err.toString().strip().lines().toList()).containsExactly("homeostat server: the data directory "
                + dir.toAbsolutePath() + " is in use by another process (another server? stop it, or pass another --data)");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAddressBeyondLoopbackIsWarnedAbout() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x"); // so that the start fails before binding
        assertThat(run("server", "--host", "0.0.0.0", "--port", "0", "--data", notADirectory.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("homeostat server: warning: listening on 0.0.0.0, not loopback only",
                "tokens travel in clear text", "homeostat server: cannot start: the data directory "
                        + notADirectory.toAbsolutePath() + " cannot be used: it is not a directory").doesNotContain("\tat ");
        assertThat(ServerCommand.loopback("127.0.0.1")).isTrue();
        assertThat(ServerCommand.loopback("localhost")).isTrue();
        assertThat(ServerCommand.loopback("::1")).isTrue();
        assertThat(ServerCommand.loopback("0.0.0.0")).isFalse();
    }

    @Test
    void theHelpSaysWhatAnotherHostMeans() {
        StringWriter help = new StringWriter();
        CommandLine command = new CommandLine(new HomeostatCommand());
        command.setOut(new PrintWriter(help, true));
        assertThat(command.execute("server", "--help")).isZero();
        assertThat(help.toString()).contains("default: 127.0.0.1", "plain HTTP").doesNotContain("null");
    }

    @Test
    void theEmbeddedDatabaseStaysOpenUntilTheServerClosesIt() {
        ServerConfig config = ServerConfig.defaults().withDataDirectory(dir);
        // Without it H2's own shutdown hook closes the database under a server still flushing in its hook.
        assertThat(HomeostatServer.embeddedStore(config).jdbcUrl())
                .isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("homeostat") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aServerClosedNormallySaysTheStoreIsFlushed() {
        RunningServer running = new RunningServer(dir);
        running.server.loop().tracker().observe(new Detection("d-1", "threshold", Detection.Kind.THRESHOLD,
                Detection.Status.FIRING, new SeriesKey("db:primary", "error.rate"), "errors", "error-rate-high",
                Severity.HIGH, 0.9, "error rate 40 %", Map.of(), RunningServer.START));
        CommandLines flags = new CommandLines(Map.of());
        assertThat(flags.run("flags", "set", "recovery.kill-switch", "on", "--reason", "drill", "--token", running.operator,
                "--url=http://127.0.0.1:" + running.server.port())).as(flags.err.toString()).isZero();

        assertThat(ServerCommand.stop(running.server)).isEqualTo("stopped, store flushed");
        running.close();
        assertThat(running.server.loop().store().stats().spool().pendingEntries()).isZero();
        assertThat(running.server.loop().store().loopStateStats().pendingWrites()).isZero();
    }

    @Test
    void whatWaitsInTheSpoolIsSaidInsteadOfFlushed() {
        SpoolStats empty = new SpoolStats(0, 0, 1 << 20, 0, 0, 0, 0);
        SpoolStats two = new SpoolStats(2, 4096, 1 << 20, 2, 0, 0, 0);
        WriterStats flushed = new WriterStats(10, 10, 0, 0, 0, 0, 0, 0, empty);
        WriterStats spooled = new WriterStats(10, 0, 10, 0, 0, 0, 1, 0, two);
        LoopStateStats loopFlushed = new LoopStateStats(0, 5, 0, 0, 0, 0, 0, 0, empty);
        LoopStateStats loopSpooled = new LoopStateStats(3, 5, 3, 0, 0, 0, 1, 0, empty);
        Path spool = dir.resolve("spool");

        assertThat(ServerCommand.stopped(flushed, loopFlushed, spool)).isEqualTo("stopped, store flushed");
        assertThat(ServerCommand.stopped(spooled, loopSpooled, spool)).isEqualTo("stopped; the database did not take"
                + " everything: 2 batches of records and 3 of the loop's writes (incidents, runs, diagnoses) wait in the"
                + " spool (" + spool.toAbsolutePath() + ") for the next start");
        assertThat(ServerCommand.stopped(flushed, loopSpooled, spool)).startsWith("stopped; ").doesNotContain("flushed");
        WriterStats lost = new WriterStats(10, 5, 0, 0, 5, 0, 1, 0, empty);
        assertThat(ServerCommand.stopped(lost, loopFlushed, spool))
                .startsWith("stopped, store flushed; 5 records were lost while it ran");
    }

    @Test
    void aBadEnvironmentVariableIsNamed() {
        CommandLines run = new CommandLines(Map.of("HOMEOSTAT_SERVER_PORT", "eighty"));
        assertThat(run.run("server", "--data", dir.toString())).isEqualTo(2);
        assertThat(run.err.toString()).contains("environment: HOMEOSTAT_SERVER_PORT='eighty' must be an integer");
        assertThat(dir.resolve("homeostat.mv.db")).as("no database made").doesNotExist();
    }
}
