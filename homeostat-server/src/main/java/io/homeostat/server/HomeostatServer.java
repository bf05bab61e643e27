package io.homeostat.server;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.UnknownAlertException;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.server.api.ApiError;
import io.homeostat.server.api.ApiRoute;
import io.homeostat.server.api.ApiRoutes;
import io.homeostat.server.api.Authorizer;
import io.homeostat.server.api.BadRequestException;
import io.homeostat.server.api.JacksonJson;
import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.auth.BrowserSessions;
import io.homeostat.server.auth.DuplicateTokenException;
import io.homeostat.server.auth.IssuedToken;
import io.homeostat.server.auth.LastAdminTokenException;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.auth.Role;
import io.homeostat.server.ingest.Ingest;
import io.homeostat.server.ingest.IngestRejectedException;
import io.homeostat.server.ingest.RedisSignalSource;
import io.homeostat.server.ingest.SeenIds;
import io.homeostat.server.ingest.SignalBatchReader;
import io.homeostat.server.metrics.AlertDelivery;
import io.homeostat.server.metrics.SelfMonitor;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.InstanceName;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.server.runtime.LoopSettings;
import io.homeostat.server.runtime.RemoteCircuitException;
import io.homeostat.server.runtime.UnknownCircuitException;
import io.homeostat.server.ui.Dashboard;
import io.homeostat.store.jdbc.StoreConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Homeostat server: the control loop over the store, the API over HTTP. {@link #start}
 * returns when it is ready; {@link #close()} stops taking requests, delivers queued signals and
 * flushes the store. Thread-safe.
 */
public final class HomeostatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeostatServer.class);
    /** What a request that needs the database, while it is away, is told to wait before it asks again. */
    static final int STORE_RETRY_AFTER_SECONDS = 5;
    /** Where servers before kept the API tokens, in the data directory; moved into the database at start. */
    static final String FORMER_TOKEN_FILE = "tokens";

    private final ControlLoop loop;
    private final ApiTokens tokens;
    private final Ingest ingest;
    private final SelfMonitor self;
    private final Javalin http;
    private final EventStream events;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Optional<IssuedToken> firstAdminToken;
    private final ConfigReloader reloader;
    private final CompletableFuture<String> stoppedByItself = new CompletableFuture<>();
    /** Held while the server runs: one server per data directory. */
    private final DataDirectoryLock lock;
    /** The Redis stream signals also come from, when {@code homeostat.yaml} names one. */
    private final Optional<RedisSignalSource> redis;

    /** Locks the data directory, then starts the server; the lock is given back if the start fails. */
    private static HomeostatServer open(ServerConfig config, StoreConfig storeConfig, Optional<IncidentStore> incidents,
            Scheduler scheduler, LoopOptions options, Optional<Path> configFile, UnaryOperator<ServerConfig> overrides) {
        DataDirectoryLock lock = DataDirectoryLock.take(config.dataDirectory());
        try {
            return new HomeostatServer(lock, config, storeConfig, incidents, scheduler, options, configFile, overrides);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private HomeostatServer(DataDirectoryLock lock, ServerConfig config, StoreConfig storeConfig,
            Optional<IncidentStore> incidents, Scheduler scheduler, LoopOptions options, Optional<Path> configFile,
            UnaryOperator<ServerConfig> overrides) {
        this.lock = lock;
        long begin = scheduler.clock().monotonicNanos();
        LoopSettings settings = new LoopSettings(config.degradation(), config.retention(), config.alerting());
        if (config.incidents().isPresent()) {
            options = options.withTuning(options.tuning().withTracking(config.incidents().get()));
        }
        this.loop = incidents.isPresent()
                ? ControlLoop.start(storeConfig, incidents.get(), scheduler, settings)
                : ControlLoop.start(storeConfig, scheduler, options, settings);
        long loopReady = scheduler.clock().monotonicNanos();
        JacksonJson json = new JacksonJson();
        this.events = new EventStream(json);
        SelfMonitor monitor = null;
        Optional<RedisSignalSource> source = Optional.empty();
        try {
            // From the database, so that a server on another data directory (a standby taking over) knows them.
            this.tokens = ApiTokens.load(loop.store().apiTokens(), config.dataDirectory().resolve(FORMER_TOKEN_FILE));
            this.reloader = configFile.isPresent() ? ConfigReloader.start(configFile.get(), loop, overrides)
                    : ConfigReloader.none(loop);
            this.ingest = new Ingest(
                    new SignalBatchReader(SignalCodec.create(), config.maxBatchSignals(), config.maxFutureSkew()),
                    loop.bus(), new SeenIds(SeenIds.DEFAULT_CAPACITY), scheduler.clock());
            source = config.redis().map(stream -> RedisSignalSource.start(stream,
                    InstanceName.of(config.dataDirectory()), loop.bus(), scheduler.clock(), config.maxFutureSkew()));
            this.redis = source;
            monitor = SelfMonitor.start(loop.bus(), loop.store(), loop.rawSamples(), ingest, loop.guards(), events,
                    new AlertDelivery(loop.alertingConfig(), scheduler.clock()), source, scheduler);
            this.self = monitor;
            BrowserSessions sessions = BrowserSessions.defaults(tokens, scheduler.clock());
            ApiRoutes routes = ApiRoutes.of(loop, ingest, tokens, scheduler.clock(), ready::get, config.maxBatchBytes(), events,
                    config, self, sessions, reloader);
            Authorizer authorizer = new Authorizer(tokens, sessions);
            this.http = Javalin.create(javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.startup.showOldJavalinVersionWarning = false;
                javalin.jsonMapper(json);
                javalin.http.maxRequestSize = config.maxBatchBytes();
                javalin.jetty.host = config.host();
                javalin.jetty.port = config.port();
                Dashboard.serve(javalin);
                for (ApiRoute route : routes.routes()) {
                    Handler guarded = authorizer.guard(route);
                    javalin.routes.addHttpHandler(route.method(), route.path(), guarded);
                    if (route.method() == HandlerType.GET) {
                        // Left alone, Javalin answers HEAD on a GET route 200 without running it: no
                        // token check, no 404. HEAD runs the GET's handler; Jetty sends no body.
                        javalin.routes.addHttpHandler(HandlerType.HEAD, route.path(), guarded);
                    }
                }
                javalin.routes.exception(IngestRejectedException.class, (e, ctx) -> {
                    if (e.busy()) {
                        ctx.header("Retry-After", "1");
                    }
                    error(ctx, e.status(), e.getMessage(), e.field());
                });
                javalin.routes.exception(ConfigReloader.NoConfigFileException.class,
                        (e, ctx) -> error(ctx, 409, e.getMessage(), ""));
                javalin.routes.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), e.field()));
                javalin.routes.exception(UnknownCircuitException.class, (e, ctx) -> error(ctx, 404, e.getMessage(), ""));
                javalin.routes.exception(UnknownAlertException.class, (e, ctx) -> error(ctx, 404, e.getMessage(), ""));
                javalin.routes.exception(RemoteCircuitException.class, (e, ctx) -> error(ctx, 409, e.getMessage(), ""));
                javalin.routes.exception(DuplicateTokenException.class, (e, ctx) -> error(ctx, 409, e.getMessage(), "name"));
                javalin.routes.exception(LastAdminTokenException.class, (e, ctx) -> error(ctx, 409, e.getMessage(), "name"));
                javalin.routes.exception(HttpResponseException.class,
                        (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), ""));
                javalin.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                    // A read of what only the database holds, or a write only it keeps (an API token), while it is
                    // away (the store logs the outage).
                    LOG.debug("{} {}: the database does not answer", ctx.method(), ctx.path(), e);
                    ctx.header("Retry-After", Integer.toString(STORE_RETRY_AFTER_SECONDS));
                    String what = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD
                            ? "this cannot be read now" : "this could not be done now";
                    error(ctx, 503, "the database does not answer, so " + what + "; try again later ("
                            + e.getMessage() + ")", "");
                });
                javalin.routes.exception(Exception.class, (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), "");
                });
            });
            http.start();
            LOG.info("started: store and engine in {} ms, HTTP in {} ms", (loopReady - begin) / 1_000_000,
                    (scheduler.clock().monotonicNanos() - loopReady) / 1_000_000);
        } catch (RuntimeException e) {
            events.close();
            if (monitor != null) {
                monitor.close();
            }
            source.ifPresent(RedisSignalSource::close);
            loop.close();
            throw e;
        }
        // Two servers acting on one database would both recover, page and read the same Redis stream.
        loop.onLeaseLost(other -> Thread.ofPlatform().name("homeostat-lease-lost").start(() -> {
            String why = "another server (" + other + ") took this database over; this one stops, so that one"
                    + " server acts on it";
            LOG.error(why);
            close();
            stoppedByItself.complete(why);
        }));
        // Only once everything started: a start that fails must not leave a token nobody saw.
        try {
            this.firstAdminToken = tokens.isEmpty() ? Optional.of(tokens.issue("admin", Role.ADMIN)) : Optional.empty();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        ready.set(true);
    }

    private static void error(Context ctx, int status, String message, String field) {
        ctx.status(status).json(new ApiError(status, message, field));
    }

    /**
     * Starts a server and returns when it answers; its incidents live in the store, so they
     * outlive a restart.
     *
     * @throws RuntimeException if the store cannot be opened, another server acts on its PostgreSQL
     *     database ({@link io.homeostat.server.runtime.AnotherServerActiveException}) or the port
     *     cannot be bound; whatever was started is stopped again
     */
    public static HomeostatServer start(ServerConfig config, StoreConfig storeConfig, Scheduler scheduler) {
        return start(config, storeConfig, scheduler, LoopOptions.defaults());
    }

    /**
     * As {@link #start(ServerConfig, StoreConfig, Scheduler)}, for an application embedding the
     * server: recovery may also act on the routes, caches, probes, pools, restartable components and
     * capacities of {@code options}.
     * The application creates its guards in {@code loop().guards()} and its features in
     * {@code loop().toggles()}.
     *
     * @throws RuntimeException if the store cannot be opened, another server acts on its PostgreSQL
     *     database ({@link io.homeostat.server.runtime.AnotherServerActiveException}) or the port
     *     cannot be bound; whatever was started is stopped again
     */
    public static HomeostatServer start(ServerConfig config, StoreConfig storeConfig, Scheduler scheduler,
            LoopOptions options) {
        return open(Objects.requireNonNull(config, "config"), Objects.requireNonNull(storeConfig, "storeConfig"),
                Optional.empty(), Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(options, "options"),
                Optional.empty(), UnaryOperator.identity());
    }

    /**
     * As {@link #start(ServerConfig, StoreConfig, Scheduler, LoopOptions)}, with the rules, workflows
     * and flags of {@code configFile} (the {@code homeostat.yaml} that {@code config} was read from),
     * which {@code POST /api/v1/config/reload} reads again.
     *
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key if the file is
     *     invalid (e.g. a workflow names an action the loop lacks); whatever was started is stopped again
     * @throws RuntimeException if the store cannot be opened, another server acts on its PostgreSQL
     *     database ({@link io.homeostat.server.runtime.AnotherServerActiveException}) or the port
     *     cannot be bound; whatever was started is stopped again
     */
    public static HomeostatServer start(ServerConfig config, StoreConfig storeConfig, Scheduler scheduler,
            LoopOptions options, Path configFile) {
        return start(config, storeConfig, scheduler, options, configFile, UnaryOperator.identity());
    }

    /**
     * As {@link #start(ServerConfig, StoreConfig, Scheduler, LoopOptions, Path)}, where {@code config}
     * is the file's settings with {@code overrides} applied (e.g. {@code HOMEOSTAT_SERVER_*}
     * variables and command-line options, which win over the file): a reload then reports a
     * restart required only for a setting whose value, overrides applied, would change.
     *
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key if the file is
     *     invalid (e.g. a workflow names an action the loop lacks); whatever was started is stopped again
     * @throws RuntimeException if the store cannot be opened, another server acts on its PostgreSQL
     *     database ({@link io.homeostat.server.runtime.AnotherServerActiveException}) or the port
     *     cannot be bound; whatever was started is stopped again
     */
    public static HomeostatServer start(ServerConfig config, StoreConfig storeConfig, Scheduler scheduler,
            LoopOptions options, Path configFile, UnaryOperator<ServerConfig> overrides) {
        return open(Objects.requireNonNull(config, "config"), Objects.requireNonNull(storeConfig, "storeConfig"),
                Optional.empty(), Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(options, "options"),
                Optional.of(Objects.requireNonNull(configFile, "configFile")), Objects.requireNonNull(overrides, "overrides"));
    }

    /**
     * As {@link #start(ServerConfig, StoreConfig, Scheduler)} with the incidents kept in
     * {@code incidents} instead of the store (tests use an in-memory one).
     *
     * @throws RuntimeException if the store cannot be opened, another server acts on its PostgreSQL
     *     database ({@link io.homeostat.server.runtime.AnotherServerActiveException}) or the port
     *     cannot be bound; whatever was started is stopped again
     */
    public static HomeostatServer start(
            ServerConfig config, StoreConfig storeConfig, IncidentStore incidents, Scheduler scheduler) {
        return open(Objects.requireNonNull(config, "config"), Objects.requireNonNull(storeConfig, "storeConfig"),
                Optional.of(incidents), Objects.requireNonNull(scheduler, "scheduler"), LoopOptions.defaults(), Optional.empty(),
                UnaryOperator.identity());
    }

    /**
     * The store settings of the embedded default: H2 and the spool under {@code dataDirectory}.
     * The database stays open until the store is closed, also while the JVM shuts down
     * ({@code DB_CLOSE_ON_EXIT=FALSE}): H2's own shutdown hook would otherwise close it under a
     * server that is still flushing in its hook, and what it was writing would go to the spool.
     */
    public static StoreConfig embeddedStore(ServerConfig config) {
        var data = config.dataDirectory().toAbsolutePath();
        return StoreConfig.defaults()
                .withJdbc("jdbc:h2:file:" + data.resolve("homeostat") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "")
                .withSpool(data.resolve("spool"), StoreConfig.defaults().spoolMaxBytes());
    }

    /** The file of the embedded H2 database under {@code config}'s data directory (see {@link #embeddedStore}). */
    public static Path embeddedDatabaseFile(ServerConfig config) {
        return config.dataDirectory().toAbsolutePath().resolve("homeostat.mv.db");
    }

    /** The port it listens on (the bound one when configured with 0). */
    public int port() {
        return http.port();
    }

    /** The admin token generated because no token existed; present on the first start only. */
    public Optional<IssuedToken> firstAdminToken() {
        return firstAdminToken;
    }

    /** The control loop, e.g. to register the guards of this process. */
    public ControlLoop loop() {
        return loop;
    }

    /** The live event stream. */
    public EventStream events() {
        return events;
    }

    /** What reloads {@code homeostat.yaml}, and the loop's configuration in effect. */
    public ConfigReloader config() {
        return reloader;
    }

    /** The API tokens. */
    public ApiTokens tokens() {
        return tokens;
    }

    /**
     * Completes, saying why, if the server stopped by itself: on PostgreSQL, when another server
     * took its database over (its lease) while this one's database did not answer.
     */
    public CompletableFuture<String> stoppedByItself() {
        return stoppedByItself;
    }

    /** True between the end of {@link #start} and the beginning of {@link #close()}. */
    public boolean ready() {
        return ready.get() && !closed.get();
    }

    /** Stops the HTTP server, then the loop: queued signals are delivered and the store flushed. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        try {
            events.close();
            http.stop();
            redis.ifPresent(RedisSignalSource::close); // before the loop's bus, which takes what it read
            self.close();
        } finally {
            try {
                loop.close();
            } finally {
                lock.close();
            }
        }
    }
}
