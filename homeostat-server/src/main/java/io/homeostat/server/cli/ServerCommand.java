package io.homeostat.server.cli;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.port.LeaseUnavailableException;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.server.DataDirectoryInUseException;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.runtime.AnotherServerActiveException;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.LoopStateStats;
import io.homeostat.store.jdbc.StoreConfig;
import io.homeostat.store.jdbc.WriterStats;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat server}: runs engine, store and API until SIGTERM, Ctrl-C (SIGINT) or SIGHUP,
 * then shuts down cleanly in a shutdown hook and says whether the store took everything. Prints
 * the generated admin token on the first start, once. Exit codes: 1 when it cannot start (port or
 * data directory in use, store unreachable), 2 for bad settings; stopped by a signal, the JVM's
 * own 128 + the signal's number (143, 130, 129), as a shell reports it: the status says which
 * signal stopped it, and the line on stderr whether the store took everything.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the Homeostat server (engine + embedded H2 store + HTTP API) until stopped.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "1:could not start (port in use, data directory in use by another server, store unreachable, ...), or"
                    + " stopped because another server took its PostgreSQL database over",
            "2:bad settings (option, variable or --config file)",
            "129:stopped by SIGHUP (not a reload), after a clean shutdown",
            "130:stopped by Ctrl-C (SIGINT), after a clean shutdown",
            "143:stopped by SIGTERM, after a clean shutdown (a signal's exit status is 128 + its number;"
                    + " stderr says whether the store took everything)"})
final class ServerCommand implements Callable<Integer> {

    /** How often a standby asks whether the database's lease is free: as often as its holder renews it. */
    static final Duration STANDBY_POLL = ControlLoop.SERVER_LEASE_TTL.dividedBy(3);

    @Option(names = "--host", description = "address to bind (default: " + ServerConfig.DEFAULT_HOST + ", this machine"
            + " only); another address, e.g. 0.0.0.0, opens the API and the dashboard to the network over plain HTTP,"
            + " tokens in clear text: put a TLS proxy in front")
    String host;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: 8080)")
    Integer port;

    @Option(names = "--data", description = "directory for the embedded database and the spools (default: ./data)")
    Path data;

    @Option(names = "--config", description = "homeostat.yaml: server, degradation, retention (at start), detection,"
            + " diagnosis, workflows and flags (again on 'homeostat config reload'); HOMEOSTAT_SERVER_HOST/_PORT/_DATA and"
            + " HOMEOSTAT_STORE_URL/_USER/_PASSWORD override it, options override those")
    Path config;

    @Option(names = "--standby", description = "on a PostgreSQL database another server acts on, wait and take over"
            + " once that one stops (within 5 s) or its lease lapses (within about 20 s of a crash), instead of exiting 1;"
            + " nothing listens until then")
    boolean standby;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    ServerCommand() {
        this(System.getenv());
    }

    /** With {@code environment} in place of the process's (tests). */
    ServerCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = Settings.resolve(config, environment, host, port, data);
        } catch (Settings.InvalidSettingsException e) {
            err.println("homeostat server: " + e.getMessage());
            return 2;
        }
        ServerConfig chosen = settings.server();
        if (!loopback(chosen.host())) {
            err.println("homeostat server: warning: listening on " + chosen.host() + ", not loopback only: the API and"
                    + " the dashboard are open to the network over plain HTTP, and tokens travel in clear text"
                    + " (put a TLS proxy in front, or keep " + ServerConfig.DEFAULT_HOST + ")");
            err.flush();
        }
        Scheduler scheduler = Scheduler.system();
        Clock clock = scheduler.clock();
        long begin;
        HomeostatServer started = null;
        do {
            if (standby) {
                // Before the port's check: the server it waits for may be on this host and port.
                standBy(settings.store(), clock, err);
            }
            Optional<String> taken = portTaken(chosen);
            if (taken.isPresent()) {
                err.println("homeostat server: cannot listen on " + chosen.host() + ":" + chosen.port() + ": " + taken.get());
                return 1;
            }
            begin = clock.monotonicNanos();
            try {
                started = settings.configFile().isPresent()
                        ? HomeostatServer.start(chosen, settings.store(), scheduler, LoopOptions.defaults(),
                                settings.configFile().get(), settings.overrides())
                        : HomeostatServer.start(chosen, settings.store(), scheduler);
            } catch (ConfigException e) {
                err.println("homeostat server: " + e.getMessage());
                return 2;
            } catch (AnotherServerActiveException e) {
                if (!standby) {
                    err.println("homeostat server: " + startFailure(e, chosen));
                    return 1;
                }
                // Another standby took the lease between the look and the start: stand by again.
            } catch (StoreUnavailableException | LeaseUnavailableException e) {
                if (!standby || databaseInUse(e)) {
                    err.println("homeostat server: " + startFailure(e, chosen));
                    return 1;
                }
                // The database went away as this one took over (a failover of its own, say): stand by again.
                err.println("homeostat server: could not take over: " + reason(e) + "; standing by again");
                err.flush();
                clock.sleep(STANDBY_POLL); // not at once: on the embedded database standing by does not wait
            } catch (RuntimeException e) {
                err.println("homeostat server: " + startFailure(e, chosen));
                return 1;
            }
        } while (started == null);
        HomeostatServer server = started;
        long startMillis = (clock.monotonicNanos() - begin) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                err.println("homeostat server: " + stop(server));
                err.flush();
            } finally {
                stopped.countDown();
            }
        }, "homeostat-shutdown"));
        server.firstAdminToken().ifPresent(token -> {
            out.println("First start: an admin API token was generated. It is shown only now; keep it:");
            out.println("  " + token.secret());
            out.println("Only its hash is stored (in the database, table api_token).");
        });
        out.printf("homeostat server ready on http://%s:%d (server start %d ms, JVM start to ready %d ms)%n",
                chosen.host(), server.port(), startMillis, ManagementFactory.getRuntimeMXBean().getUptime());
        out.flush();
        int[] status = {0};
        server.stoppedByItself().thenAccept(why -> {
            err.println("homeostat server: " + why);
            err.flush();
            status[0] = 1;
            stopped.countDown();
        });
        stopped.await();
        return status[0];
    }

    /**
     * Returns once no other server acts on {@code store}'s database (at once on the embedded one),
     * asking every {@link #STANDBY_POLL}; says on {@code err} who it waits for, again each time
     * that changes. A database it cannot reach is waited for too.
     */
    static void standBy(StoreConfig store, Clock clock, PrintWriter err) throws InterruptedException {
        String said = null;
        while (true) {
            String waitingFor;
            try {
                Optional<String> other = ControlLoop.otherServer(store);
                if (other.isEmpty()) {
                    if (said != null) {
                        err.println("homeostat server: the database's lease is free: taking over");
                        err.flush();
                    }
                    return;
                }
                waitingFor = "another server (" + other.get() + ") acts on this database; this one takes over once"
                        + " it stops, or within " + ControlLoop.SERVER_LEASE_TTL.toSeconds() + " s of its last renewal";
            } catch (StoreUnavailableException e) {
                waitingFor = "cannot reach the database (" + e.getMessage() + "); trying again";
            }
            if (!waitingFor.equals(said)) {
                err.println("homeostat server: standing by: " + waitingFor);
                err.flush();
                said = waitingFor;
            }
            clock.sleep(STANDBY_POLL);
        }
    }

    /** Whether {@code host} names only loopback addresses (an unknown name: the start fails and says so). */
    static boolean loopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /**
     * Why the server's address cannot be bound, found by binding it for a moment before anything
     * else starts, so that a port in use is said before the store is opened (or a data directory
     * and its database made): empty if it can be, or if the port is 0. The HTTP server's own bind
     * still reports a port taken in between.
     */
    static Optional<String> portTaken(ServerConfig config) {
        if (config.port() == 0) {
            return Optional.empty();
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the HTTP server binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(config.host(), config.port()));
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(reason(e));
        }
    }

    /** Why the server could not start, in one line. */
    static String startFailure(RuntimeException e, ServerConfig config) {
        if (e instanceof DataDirectoryInUseException) {
            return e.getMessage();
        }
        if (e instanceof StoreUnavailableException) {
            if (databaseInUse(e)) {
                return dataDirectoryInUse(config.dataDirectory());
            }
            return "cannot open the store: " + e.getMessage();
        }
        if (e instanceof JavalinException) { // only the HTTP server's start throws it
            return "cannot listen on " + config.host() + ":" + config.port() + ": " + reason(rootCause(e));
        }
        return "cannot start: " + reason(e);
    }

    /**
     * Stops {@code server} and says whether the store took everything: "stopped, store flushed",
     * or how much waits in the spool for the next start, or was lost.
     */
    static String stop(HomeostatServer server) {
        String failure = "";
        try {
            server.close();
        } catch (RuntimeException e) {
            failure = " (closing failed: " + reason(e) + ")";
        }
        JdbcStore store = server.loop().store();
        return stopped(store.stats(), store.loopStateStats(), store.config().spoolDirectory()) + failure;
    }

    /** What {@link #stop} says, from the store's counts after it closed. */
    static String stopped(WriterStats writes, LoopStateStats loopState, Path spool) {
        long batches = writes.spool().pendingEntries();
        long loopWrites = loopState.pendingWrites();
        List<String> waiting = new ArrayList<>();
        if (batches > 0) {
            waiting.add(batches + (batches == 1 ? " batch" : " batches") + " of records");
        }
        if (loopWrites > 0) {
            waiting.add(loopWrites + " of the loop's writes (incidents, runs, diagnoses)");
        }
        String line = waiting.isEmpty() ? "stopped, store flushed"
                : "stopped; the database did not take everything: " + String.join(" and ", waiting)
                        + " wait in the spool (" + spool.toAbsolutePath() + ") for the next start";
        long dropped = writes.droppedRecords();
        return dropped == 0 ? line : line + "; " + dropped + (dropped == 1 ? " record was" : " records were")
                + " lost while it ran (the spool was full or could not be written)";
    }

    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /** Whether {@code e} says the H2 database file is open in another process. */
    static boolean databaseInUse(Throwable e) {
        return h2Error(e) == H2_DATABASE_ALREADY_OPEN;
    }

    /** What the server and {@code homeostat db} say when the embedded database is open in another process. */
    static String dataDirectoryInUse(Path dataDirectory) {
        return DataDirectoryInUseException.message(dataDirectory);
    }

    private static int h2Error(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
