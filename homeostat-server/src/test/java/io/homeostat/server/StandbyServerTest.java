package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code homeostat server --standby}, a process of its own, on a PostgreSQL database another
 * server acts on: it says whom it waits for, listens on nothing, and takes over once that server
 * stops or its lease lapses (and that one then stops itself); without {@code --standby} the same
 * start exits 1.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandbyServerTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @TempDir
    Path third;

    /** Each server's standard error, as {@code <data directory name>-stderr.txt}. */
    @TempDir
    Path logs;

    private PostgresBehindRelay postgres;
    private final List<Process> children = new ArrayList<>();
    /** The last server started over {@link #second}. */
    private Process child;

    @BeforeEach
    void database() throws IOException {
        postgres = new PostgresBehindRelay();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : children) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        postgres.close();
    }

    /** {@code homeostat server} over {@link #second} on the test database's schema and {@code port}, with {@code options} after. */
    private Process server(int port, String... options) throws IOException {
        child = server(second, port, options);
        return child;
    }

    /** {@code homeostat server} over {@code data} on the test database's schema and {@code port}, with {@code options} after. */
    private Process server(Path data, int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.homeostat.server.cli.HomeostatCommand",
                "server", "--port", Integer.toString(port), "--data", data.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderrFile(data).toFile());
        builder.environment().putAll(Map.of("HOMEOSTAT_STORE_URL", postgres.directUrl(),
                "HOMEOSTAT_STORE_USER", PostgresBehindRelay.USER, "HOMEOSTAT_STORE_PASSWORD", PostgresBehindRelay.PASSWORD));
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private Path stderrFile(Path data) {
        return logs.resolve(data.getFileName() + "-stderr.txt");
    }

    private String stderr() throws IOException {
        return stderr(second);
    }

    private String stderr(Path data) throws IOException {
        return Files.exists(stderrFile(data)) ? Files.readString(stderrFile(data)) : "";
    }

    /**
     * {@code process}'s standard output up to its first line starting with {@code prefix}, that
     * line last, read as it comes.
     */
    private static CompletableFuture<List<String>> upTo(Process process, String prefix) {
        // A thread of its own: the reads block, and the common pool may have a single thread.
        return CompletableFuture.supplyAsync(() -> {
            List<String> read = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    read.add(line);
                    if (line.startsWith(prefix)) {
                        return read;
                    }
                }
                read.add("(ended without it)");
            } catch (IOException e) {
                read.add("(unreadable: " + e + ")");
            }
            return read;
        }, task -> Thread.ofPlatform().daemon().name("stdout-of-" + process.pid()).start(task));
    }

    @Test
    void aStandbyWaitsForTheActiveServerAndTakesOverOnceItStops() throws Exception {
        CompletableFuture<List<String>> ready;
        String operator;
        int port;
        try (RunningServer active = new RunningServer(first, postgres.store(first))) {
            operator = active.operator;
            // On the active server's port, as a standby on the same host would be: checked once it takes over.
            port = active.server.port();
            Process standby = server(port, "--standby");
            ready = upTo(standby, "homeostat server ready on ");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stderr().contains("standing by"));

            assertThat(stderr()).contains("homeostat server: standing by: another server (")
                    .contains(first.toAbsolutePath().toString());
            assertThat(standby.isAlive()).isTrue();
            assertThat(ready).as("listens on nothing while standing by").isNotDone();
            assertThat(postgres.query("SELECT holder FROM leader_lease")).endsWith(":" + first.toAbsolutePath());
        }

        List<String> out = ready.get(60, TimeUnit.SECONDS);
        String line = out.getLast();
        assertThat(line).startsWith("homeostat server ready on http://127.0.0.1:" + port + " ");
        assertThat(stderr()).contains("the database's lease is free: taking over");
        assertThat(postgres.query("SELECT holder FROM leader_lease")).endsWith(":" + second.toAbsolutePath());
        // The tokens live in the database: the first server's still work, and no new admin token was made.
        URI overview = URI.create(line.substring("homeostat server ready on ".length()).split(" ")[0] + "/api/v1/overview");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(overview).header("Authorization", "Bearer " + operator)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        assertThat(out).noneMatch(printed -> printed.contains("an admin API token was generated"));

        child.destroy(); // SIGTERM
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(143);
        assertThat(stderr()).contains("homeostat server: stopped, store flushed");
    }

    @Test
    void aStandbyTakesOverFromAServerThatStoppedRenewingItsLeaseAndThatOneStopsItself() throws Exception {
        try (RunningServer active = new RunningServer(first, postgres.store(first))) {
            Process standby = server(0, "--standby");
            CompletableFuture<List<String>> ready = upTo(standby, "homeostat server ready on ");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stderr().contains("standing by"));

            // As if the active server hung, or lost its network, past its lease (its clock is manual: it renews
            // only when the test moves it).
            postgres.execute("UPDATE leader_lease SET expires_at = clock_timestamp() - INTERVAL '1 second'");

            assertThat(ready.get(60, TimeUnit.SECONDS).getLast()).startsWith("homeostat server ready on ");
            assertThat(postgres.query("SELECT holder FROM leader_lease")).endsWith(":" + second.toAbsolutePath());
            active.clock.advance(Duration.ofSeconds(5)); // its next renewal finds the lease taken
            assertThat(active.server.stoppedByItself()).succeedsWithin(Duration.ofSeconds(30)).asString()
                    .contains("another server (").contains(second.toAbsolutePath().toString());
        }
        assertThat(child.isAlive()).as("the standby acts on").isTrue();
        child.destroy();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(143);
    }

    @Test
    void ofTwoStandbysOneTakesOverAndTheOtherWaitsForIt() throws Exception {
        Process b;
        Process c;
        CompletableFuture<List<String>> bReady;
        CompletableFuture<List<String>> cReady;
        try (RunningServer active = new RunningServer(first, postgres.store(first))) {
            b = server(second, 0, "--standby");
            c = server(third, 0, "--standby");
            bReady = upTo(b, "homeostat server ready on ");
            cReady = upTo(c, "homeostat server ready on ");
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> stderr(second).contains("standing by") && stderr(third).contains("standing by"));
        }

        CompletableFuture.anyOf(bReady, cReady).get(60, TimeUnit.SECONDS);
        boolean bWon = bReady.isDone();
        Process winner = bWon ? b : c;
        Path loserData = bWon ? third : second;
        String holder = postgres.query("SELECT holder FROM leader_lease");
        assertThat(holder).endsWith(":" + (bWon ? second : third).toAbsolutePath());
        // The other asks again and finds the winner acting: it waits for it now.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> stderr(loserData).contains("(" + holder + ")"));
        assertThat(bWon ? cReady : bReady).isNotDone();
        assertThat((bWon ? c : b).isAlive()).isTrue();

        winner.destroy();
        assertThat(winner.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat((bWon ? cReady : bReady).get(60, TimeUnit.SECONDS).getLast()).startsWith("homeostat server ready on ");
        assertThat(postgres.query("SELECT holder FROM leader_lease")).endsWith(":" + loserData.toAbsolutePath());
    }

    @Test
    void withoutStandbyTheSecondServerSaysWhoIsActiveAndExitsOne() throws Exception {
        try (RunningServer active = new RunningServer(first, postgres.store(first))) {
            Process refused = server(0);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(1);
            assertThat(stderr()).contains("another server is active on this database")
                    .contains(first.toAbsolutePath().toString()).doesNotContain("standing by");
        }
    }
}
