package io.homeostat.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.Guard;
import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.time.ManualClock;
import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.IssuedToken;
import io.homeostat.server.auth.Role;
import io.homeostat.engine.execute.RecoveryPolicy;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.server.runtime.LoopTuning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on 127.0.0.1, port 0, H2 in a data directory, on a manual clock; and an HTTP client
 * for it. Tokens of each role are made at start. Made by a factory without a data directory
 * ({@link #perTest()} and the like), it runs in a temporary one of its own, deleted when it closes;
 * held in a {@code @RegisterExtension} field, it starts with each test's instance and closes after
 * the test, passed or failed.
 */
public final class RunningServer implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    public final Path data;
    public final HomeostatServer server;
    public final String admin;
    public final String operator;
    public final String viewer;
    private final boolean temporary;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    public RunningServer(Path data) {
        this(data, LoopOptions.defaults());
    }

    /** A server whose recovery may also act on what {@code options} names. */
    public RunningServer(Path data, LoopOptions options) {
        this(data, false, onLoopback(data), options, null);
    }

    RunningServer(Path data, ServerConfig config) {
        this(data, false, config, LoopOptions.defaults(), null);
    }

    /** A server on {@code store} instead of the embedded database (e.g. {@link PostgresBehindRelay#store}). */
    RunningServer(Path data, io.homeostat.store.jdbc.StoreConfig store) {
        this(data, store, LoopOptions.defaults());
    }

    /** A server on {@code store} whose recovery may also act on what {@code options} names. */
    RunningServer(Path data, io.homeostat.store.jdbc.StoreConfig store, LoopOptions options) {
        this(data, false, onLoopback(data), store, options, null, UnaryOperator.identity());
    }

    /** A server started with {@code --config file}: its rules, workflows and flags, reloadable. */
    public static RunningServer withConfigFile(Path data, Path file) {
        return new RunningServer(data, false, onLoopback(data), LoopOptions.defaults(), file);
    }

    /**
     * A server started as {@code homeostat server --config file} with {@code overrides} (the
     * environment's and the command line's, e.g. {@code --port}, {@code --data}) over the file's settings.
     */
    public static RunningServer withConfigFile(Path data, Path file, UnaryOperator<ServerConfig> overrides) {
        ServerConfig config = overrides.apply(ServerConfigFile.apply(file, ServerConfig.defaults()));
        return new RunningServer(data, false, config, HomeostatServer.embeddedStore(config), LoopOptions.defaults(), file,
                overrides);
    }

    /** A server in a temporary directory of its own; see the class comment. */
    public static RunningServer perTest() {
        return perTest(LoopOptions.defaults());
    }

    /** {@link #perTest()} whose recovery may also act on what {@code options} names. */
    public static RunningServer perTest(LoopOptions options) {
        return inTemporaryDirectory(data -> new RunningServer(data, true, onLoopback(data), options, null));
    }

    /** {@link #perTest()} with its settings changed by {@code change}, e.g. its ingest limits. */
    static RunningServer perTest(UnaryOperator<ServerConfig> change) {
        return inTemporaryDirectory(data -> new RunningServer(data, true, change.apply(onLoopback(data)),
                LoopOptions.defaults(), null));
    }

    /**
     * {@link #perTest()} started with {@code --config} on {@code homeostat.yaml} in its data
     * directory, which holds {@code yaml}; reloadable.
     */
    public static RunningServer withConfig(String yaml) {
        return inTemporaryDirectory(data -> {
            try {
                Path file = Files.writeString(data.resolve("homeostat.yaml"), yaml);
                return new RunningServer(data, true, onLoopback(data), LoopOptions.defaults(), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A workflow whose restart step is high risk (no drain) and so waits for a person's approval;
     * {@link #withApprovals} registers it.
     */
    public static final String APPROVAL_WORKFLOW = "restart-now";

    /**
     * {@link #perTest()} with {@link #APPROVAL_WORKFLOW} and a restartable component for each of
     * {@code services}: a run of it tells people, then waits for approval of its restart step.
     */
    public static RunningServer withApprovals(String... services) {
        LoopOptions options = LoopOptions.defaults().withTuning(new LoopTuning(List.of(), WorkflowReader.read("test",
                """
                workflows:
                  - name: restart-now
                    description: Restart at once, dropping what is in flight; a person approves.
                    trigger: [manual, anomaly]
                    services: ["*"]
                    steps:
                      - name: tell-people
                        action: alert
                        params: {message: "restarting ${service} without a drain"}
                        on_failure: continue
                      - name: restart
                        action: restart_process
                        params: {component: "${service}", drain: 0s}
                        on_failure: abort
                """), List.of(), IncidentTrackerConfig.ofDefaults(), RecoveryPolicy.ofDefaults(),
                DependencyGraph.empty()));
        for (String service : services) {
            options = options.withRestartable(service, (drain, reason) -> "restarted");
        }
        return perTest(options);
    }

    private static ServerConfig onLoopback(Path data) {
        return ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
    }

    private static RunningServer inTemporaryDirectory(Function<Path, RunningServer> start) {
        Path data;
        try {
            data = Files.createTempDirectory("homeostat-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return start.apply(data);
        } catch (RuntimeException | Error e) {
            delete(data);
            throw e;
        }
    }

    private RunningServer(Path data, boolean temporary, ServerConfig config, LoopOptions options, Path file) {
        this(data, temporary, config, HomeostatServer.embeddedStore(config), options, file, UnaryOperator.identity());
    }

    private RunningServer(Path data, boolean temporary, ServerConfig config, io.homeostat.store.jdbc.StoreConfig store,
            LoopOptions options, Path file, UnaryOperator<ServerConfig> overrides) {
        this.data = data;
        this.temporary = temporary;
        this.server = file == null
                ? HomeostatServer.start(config, store, clock.scheduler(), options)
                : HomeostatServer.start(config, store, clock.scheduler(), options, file, overrides);
        // A database a server ran on before (a restart, or a second server on it) holds tokens already.
        this.admin = server.firstAdminToken().map(IssuedToken::secret)
                .orElseGet(() -> server.tokens().issue("admin-" + UUID.randomUUID(), Role.ADMIN).secret());
        this.operator = afresh(server.tokens(), "ops", Role.OPERATOR);
        this.viewer = afresh(server.tokens(), "watcher", Role.VIEWER);
    }

    /** A new secret for the token {@code name}, revoking one made under that name before. */
    private static String afresh(ApiTokens tokens, String name, Role role) {
        tokens.revoke(name);
        return tokens.issue(name, role).secret();
    }

    /**
     * Opens the breaker of an embedded guard {@code name} (three consecutive failures, as a
     * dependency answering 503) and waits for the incident it opens; returns that incident.
     */
    Incident openBreaker(String name) {
        return openBreaker(server, name);
    }

    /** {@link #openBreaker(String)} on {@code server}. */
    static Incident openBreaker(HomeostatServer server, String name) {
        var loop = server.loop();
        Guard guard = loop.guards().replace(name,
                GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build());
        for (int i = 0; i < 3; i++) {
            try {
                guard.call(() -> {
                    throw new IOException("503 from " + name);
                });
            } catch (Exception expected) {
                // a failure the breaker counts
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !loop.tracker().active().isEmpty());
        return loop.tracker().active().getFirst();
    }

    /** An HTTP answer: status, body (parsed when it is JSON) and Content-Type (empty when none). */
    record Answer(int status, String text, JsonNode json, String contentType, java.net.http.HttpHeaders headers) {

        Answer(int status, String text, JsonNode json) {
            this(status, text, json, "", java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        /** The first value of the header {@code name}, empty if there is none. */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Answer post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    Answer postBytes(String path, String token, byte[] body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /**
     * Opens the live stream with {@code token} over a raw socket (reads time out after 10 s); the
     * caller reads the answer, or holds the connection, and closes it.
     */
    java.net.Socket openLiveStream(String token) throws IOException {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            try {
                json = mapper.readTree(response.body());
            } catch (IOException notJson) {
                // left null: the test looks at text
            }
            return new Answer(response.statusCode(), response.body(), json,
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses a test class with one instance for all its tests: this server starts with the
     * instance, so it would serve the first test only.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (context.getTestInstanceLifecycle().orElseThrow() != TestInstance.Lifecycle.PER_METHOD) {
            throw new IllegalStateException("a RunningServer extension needs a test instance per test method");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Stops the server; and deletes its data directory if it made it. */
    @Override
    public void close() {
        try {
            server.close();
            client.close();
        } finally {
            if (temporary) {
                delete(data);
            }
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
