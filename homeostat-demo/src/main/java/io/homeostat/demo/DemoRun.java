package io.homeostat.demo;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.report.RecordedRun;
import io.homeostat.demo.report.ReportWriter;
import io.homeostat.demo.report.RunRecorder;
import io.homeostat.demo.report.RunReport;
import io.homeostat.demo.scenario.ChaosRunner;
import io.homeostat.demo.scenario.FaultSpec;
import io.homeostat.demo.scenario.Scenario;
import io.homeostat.demo.scenario.ScenarioReader;
import io.homeostat.demo.triage.AuditOutbox;
import io.homeostat.demo.triage.TriageApp;
import io.homeostat.demo.triage.TriageSystem;
import io.homeostat.demo.triage.Traffic;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.ServerConfig;
import io.homeostat.server.runtime.LoopOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One run of the demo: the embedded server (H2 in a fresh directory, so the admin token is new and
 * printed), the triage system's upstreams, the healer, steady traffic and the chaos schedule;
 * {@link #finish()} stops the traffic, lets the audit outbox drain, and computes, prints and writes
 * the report. Thread-safe: {@link #finish()} runs once, whoever calls it first (the end of the run
 * or the Ctrl-C hook).
 */
public final class DemoRun implements AutoCloseable {

    private final DemoOptions options;
    private final PrintStream out;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Scenario scenario;
    private final List<FaultSpec> faults;
    private final Path dataDirectory;
    private final HomeostatServer server;
    private final TriageSystem system;
    private final RunRecorder recorder;
    private final AuditOutbox outbox;
    private final Healer healer;
    private final Traffic traffic;
    private final ChaosRunner chaos;
    private RunReport report;

    private DemoRun(DemoOptions options, PrintStream out, Scheduler scheduler) {
        this.options = options;
        this.out = out;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.system = TriageSystem.start(clock, options.seed());
        try {
            system.warmUp(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ScenarioReader reader = new ScenarioReader(system.services(), system.databases().keySet());
        try {
            this.scenario = !options.chaos() ? Scenario.none()
                    : options.scenario().map(reader::read).orElseGet(reader::defaults);
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
        this.faults = scenario.resolve(options.seed());
        try {
            this.dataDirectory = Files.createTempDirectory("homeostat-demo-");
        } catch (IOException e) {
            system.close();
            throw new UncheckedIOException("cannot create the demo's data directory", e);
        }
        this.server = startServer(options.port());
        system.configure(server.loop().guards());
        this.recorder = new RunRecorder(clock);
        this.outbox = new AuditOutbox(system.databases().get(TriageSystem.DB_PRIMARY),
                server.loop().guards().guard(TriageSystem.DB_PRIMARY), scheduler, recorder::now);
        this.healer = Healer.start(server, system, recorder, scheduler, this::say);
        TriageApp app = new TriageApp(system, server.loop().guards(), recorder, outbox, clock, options.seed());
        this.traffic = new Traffic(app, recorder, Math.max(50, options.rate() * 4));
        this.chaos = new ChaosRunner(system.upstreams(), system.databases(), (fault, on) -> {
            recorder.fault(fault, on);
            say((on ? "chaos: injected " : "chaos: cleared ") + fault.name() + " (" + fault.kind().label() + ") on "
                    + fault.target());
        });
        banner(app);
        recorder.begin();
        traffic.start(scheduler, options.rate());
        chaos.start(faults, scheduler);
    }

    /**
     * The server on the embedded store, which stays open while the JVM shuts down
     * ({@link HomeostatServer#embeddedStore}): on Ctrl-C the report is made in a shutdown hook.
     */
    private HomeostatServer startServer(int port) {
        LoopOptions loopOptions = Healer.options(system, scheduler);
        ServerConfig config = ServerConfig.defaults().withDataDirectory(dataDirectory).withAddress(ServerConfig.DEFAULT_HOST, port);
        try {
            return HomeostatServer.start(config, HomeostatServer.embeddedStore(config), scheduler, loopOptions);
        } catch (RuntimeException e) {
            if (port == 0) {
                throw e;
            }
            out.println("port " + port + " is taken (" + e.getMessage() + "); using a free one");
            ServerConfig any = config.withAddress(ServerConfig.DEFAULT_HOST, 0);
            return HomeostatServer.start(any, HomeostatServer.embeddedStore(any), scheduler, loopOptions);
        }
    }

    /**
     * Starts a run.
     *
     * @throws io.homeostat.engine.config.ConfigException if the schedule file is invalid
     */
    public static DemoRun start(DemoOptions options, PrintStream out, Scheduler scheduler) {
        return new DemoRun(options, out, scheduler);
    }

    private void banner(TriageApp app) {
        out.println("Homeostat demo: a clinical triage system under chaos, healed by the control loop");
        out.println();
        out.println("  dashboard    http://127.0.0.1:" + server.port() + "/");
        server.firstAdminToken().ifPresent(t -> out.println("  admin token  " + t.secret()));
        out.println("  API          http://127.0.0.1:" + server.port() + "/api/v1/incidents (header Authorization: Bearer <token>)");
        out.println("  data         " + dataDirectory + " (H2, removed at the end)");
        out.println("  traffic      " + options.rate() + " triage requests/s for " + options.duration().toSeconds() + " s");
        system.upstreams().forEach((name, u) -> out.println("  upstream     " + name + " at " + u.uri()));
        out.println("  database     " + String.join(", ", system.databases().keySet()) + " (in process, pooled)");
        app.describe().forEach(line -> out.println("  fallbacks    " + line));
        out.println();
        out.println("Chaos schedule '" + scenario.name() + "' (seed " + options.seed() + "):");
        if (faults.isEmpty()) {
            out.println("  none");
        }
        for (FaultSpec f : faults) {
            out.println(String.format(Locale.ROOT, "  %5.1f s  %-26s %-16s on %-22s for %d s%s", f.at().toMillis() / 1000.0,
                    f.name(), f.kind().label(), f.target(), f.duration().toSeconds(),
                    f.at().compareTo(options.duration()) >= 0 ? "  (after the run ends: not injected)" : ""));
        }
        out.println();
    }

    private void say(String line) {
        out.println(String.format(Locale.ROOT, "[%6.1f s] %s", recorder == null ? 0 : recorder.now() / 1000.0, line));
    }

    /** The port the dashboard and API listen on. */
    public int port() {
        return server.port();
    }

    /** The triage system (its upstreams and databases). */
    public TriageSystem system() {
        return system;
    }

    /** Waits out the run's duration, printing progress every 10 s. */
    public void await() throws InterruptedException {
        long end = clock.monotonicNanos() + options.duration().toNanos();
        while (true) {
            long left = end - clock.monotonicNanos();
            if (left <= 0) {
                return;
            }
            clock.sleep(Duration.ofNanos(Math.min(left, Duration.ofSeconds(10).toNanos())));
            if (end - clock.monotonicNanos() > 0) {
                say(recorder.requests() + " requests, " + recorder.incidentCount() + " incidents, " + traffic.inFlight()
                        + " in flight, " + outbox.pending() + " audit records waiting");
            }
        }
    }

    /**
     * Ends the run once: stops traffic and chaos, drains the outbox, computes, prints and writes
     * the report.
     *
     * @return the report
     */
    public synchronized RunReport finish() throws InterruptedException {
        if (report != null) {
            return report;
        }
        traffic.close();
        chaos.close();
        long deadline = clock.monotonicNanos() + Duration.ofSeconds(10).toNanos();
        while (traffic.inFlight() > 0 && clock.monotonicNanos() < deadline) {
            clock.sleep(Duration.ofMillis(100));
        }
        system.upstreams().values().forEach(u -> u.clearFaults());
        system.databases().values().forEach(d -> d.down(false));
        int waiting = outbox.flush(clock, Duration.ofSeconds(10));
        if (waiting > 0) {
            say(waiting + " audit records could not be written before the end");
        }
        healer.follow();
        long[] audit;
        try {
            audit = healer.auditCheck();
        } catch (RuntimeException e) {
            say("cannot check the healer's audit trail: " + e.getMessage());
            audit = new long[] {0, 0};
        }
        RecordedRun run = recorder.snapshot(scenario.name(), options.seed(), outbox.written(),
                system.databases().get(TriageSystem.DB_PRIMARY).rowCount(), outbox.lost(), audit[0], audit[1],
                system.dependents());
        report = RunReport.of(run);
        out.println();
        out.println(ReportWriter.table(report));
        List<Path> files = ReportWriter.write(report, options.reportDirectory());
        out.println("Report written to " + files.get(0).toAbsolutePath() + " and " + files.get(1).toAbsolutePath());
        return report;
    }

    /** Stops everything and removes the data directory. Idempotent. */
    @Override
    public void close() {
        healer.close();
        outbox.close();
        server.close();
        system.close();
        deleteQuietly(dataDirectory);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
