package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code homeostat server} in a JVM of its own, stopped by a signal: it shuts down cleanly, and
 * exits with the status its help lists for that signal.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerSignalTest {

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    /** A server a failed assertion left running is killed, not left behind. */
    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        for (Process child : children) {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts {@code homeostat server} on a free port over {@code data}; returns once it says it is ready. */
    private Process server(Path data) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HomeostatCommand.class.getName(),
                "server", "--port", "0", "--data", data.toString())
                .redirectError(dir.resolve(data.getFileName() + "-stderr.txt").toFile())
                .start();
        children.add(child);
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("homeostat server ready on ")) {
                return child;
            }
        }
        throw new AssertionError("the server did not start: " + stderr(data));
    }

    private String stderr(Path data) throws IOException {
        return Files.readString(dir.resolve(data.getFileName() + "-stderr.txt"));
    }

    private static void signal(Process child, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void sigtermStopsItCleanlyWithTheStatusTheHelpLists() throws Exception {
        Path data = dir.resolve("term");
        Process child = server(data);

        // While it runs, db says in one line that the directory is in use (H2 locks the file for its process).
        CommandLines info = new CommandLines(Map.of());
        assertThat(info.run("db", "info", "--data", data.toString())).isEqualTo(1);
        assertThat(info.err.toString().strip().lines().toList()).containsExactly("homeostat db info: the data directory "
                + data.toAbsolutePath() + " is in use by another process (another server? stop it, or pass another --data)");

        signal(child, "TERM");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(child.exitValue()).isEqualTo(143);
        assertThat(stderr(data)).contains("homeostat server: stopped, store flushed");
        assertThat(helpOfServer()).containsPattern("143\\s+stopped by SIGTERM");
    }

    @Test
    void sighupStopsItCleanlyLikeSigterm() throws Exception {
        assumeThat(ignoresSighup()).as("SIGHUP is ignored here (nohup): the JVM keeps it ignored").isFalse();
        Path data = dir.resolve("hup");
        Process child = server(data);

        signal(child, "HUP");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(child.exitValue()).isEqualTo(129);
        assertThat(stderr(data)).contains("homeostat server: stopped, store flushed");
        assertThat(helpOfServer()).containsPattern("129\\s+stopped by SIGHUP").containsPattern("130\\s+stopped by Ctrl-C")
                .doesNotContainPattern("\\b0\\s+stopped");
    }

    private static String helpOfServer() {
        CommandLines help = new CommandLines(Map.of());
        assertThat(help.run("server", "--help")).isZero();
        return help.out.toString();
    }

    /** Whether this process, and so its child, was started with SIGHUP ignored (the child inherits it). */
    private static boolean ignoresSighup() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 1L) != 0);
    }
}
