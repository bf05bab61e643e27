package io.homeostat.server.cli;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.runtime.LoopOptions;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat server}: runs engine, store and API until SIGTERM or Ctrl-C, then shuts down
 * cleanly (the store is flushed). Prints the generated admin token on the first start, once.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the Homeostat server (engine + embedded H2 store + HTTP API) until stopped.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE}; loopback only)")
    String host;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: 8080)")
    Integer port;

    @Option(names = "--data", description = "directory for the database, spool and tokens (default: ./data)")
    Path data;

    @Option(names = "--config", description = "homeostat.yaml: server, degradation, retention (at start), detection,"
            + " diagnosis, workflows and flags (again on 'homeostat config reload'); HOMEOSTAT_SERVER_HOST/_PORT/_DATA and"
            + " HOMEOSTAT_STORE_URL/_USER/_PASSWORD override it, options override those")
    Path config;

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
        Scheduler scheduler = Scheduler.system();
        Clock clock = scheduler.clock();
        long begin = clock.monotonicNanos();
        HomeostatServer server;
        try {
            server = settings.configFile().isPresent()
                    ? HomeostatServer.start(chosen, settings.store(), scheduler, LoopOptions.defaults(),
                            settings.configFile().get())
                    : HomeostatServer.start(chosen, settings.store(), scheduler);
        } catch (ConfigException e) {
            err.println("homeostat server: " + e.getMessage());
            return 2;
        }
        long startMillis = (clock.monotonicNanos() - begin) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println("homeostat server: stopped, store flushed");
            err.flush();
            stopped.countDown();
        }, "homeostat-shutdown"));
        server.firstAdminToken().ifPresent(token -> {
            out.println("First start: an admin API token was generated. It is shown only now; keep it:");
            out.println("  " + token.secret());
            out.println("Only its hash is stored (" + chosen.dataDirectory().resolve("tokens") + ").");
        });
        out.printf("homeostat server ready on http://%s:%d (server start %d ms, JVM start to ready %d ms)%n",
                chosen.host(), server.port(), startMillis, ManagementFactory.getRuntimeMXBean().getUptime());
        out.flush();
        stopped.await();
        return 0;
    }
}
