package io.homeostat.store.jdbc;

import static io.homeostat.store.jdbc.LoopStateWrites.WRITES_PER_INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash during a database outage: a child JVM writes the loop's state to an H2 TCP server
 * through a proxy, the network is cut, the child writes on (into the loop-state spool) and is
 * killed with SIGKILL; with the network back, this process opens a store on the same database and
 * spool, reads the spooled writes before they are replayed, and finds every one exactly once after.
 * Bounded: 60 s for each of the child's stages, 30 s to die.
 */
class LoopStateCrashTest {

    private static final int BEFORE = 3;
    private static final int DURING = 8;

    @TempDir
    Path directory;

    @Test
    void writesSpooledDuringAnOutageSurviveAKillAndLandExactlyOnceAfterTheRestart() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                directory.resolve("db").toString()).start();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", server.getPort())) {
            String url = "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/crash";
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LoopStateCrashChild.class.getName(),
                    directory.toString(), url, Integer.toString(BEFORE), Integer.toString(DURING))
                    .redirectError(directory.resolve("child-stderr.txt").toFile())
                    .start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8)); OutputStream commands = child.getOutputStream()) {
                assertThat(lineStartingWith(lines, "ready")).as("the child wrote with the database up").isNotNull();
                proxy.cut();
                commands.write("go\n".getBytes(StandardCharsets.UTF_8));
                commands.flush();
                String last = lineStartingWith(lines, "all spooled");
                assertThat(last).as("the child wrote through the outage").isNotNull()
                        .isEqualTo("all spooled " + DURING * WRITES_PER_INCIDENT);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
            }
            assertThat(child.exitValue()).as("killed, not finished").isNotIn(0, 4);

            proxy.restore();
            try (JdbcStore store = JdbcStore.open(LoopStateCrashChild.config(directory, url),
                    ManualClock.at(LoopStateWrites.T0).scheduler())) {
                assertThat(store.loopStateStats().recoveredWrites()).isEqualTo(DURING * WRITES_PER_INCIDENT);
                assertThat(TestDatabases.count(store, "incident")).as("not replayed yet").isEqualTo(BEFORE);
                for (int k = BEFORE; k < BEFORE + DURING; k++) {
                    LoopStateWrites.assertFound(store.incidents(), store.diagnoses(), store.workflows(), k);
                }

                assertThat(store.replayLoopState()).isTrue();

                LoopStateWrites.assertRowsExactlyOnce(store, BEFORE + DURING);
                for (int k = 0; k < BEFORE + DURING; k++) {
                    LoopStateWrites.assertFound(store.incidents(), store.diagnoses(), store.workflows(), k);
                }
                assertThat(store.loopStateStats().replayedWrites()).isEqualTo(DURING * WRITES_PER_INCIDENT);
                assertThat(store.loopStateStats().rejectedWrites()).isZero();
            }
        } finally {
            server.stop();
        }
    }

    /** The first line that starts with {@code prefix}, within 60 s; null if the child's output ended first. */
    private static String lineStartingWith(BufferedReader lines, String prefix) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }
}
