package io.homeostat.bench.overhead;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.record.OperationSnapshot;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.report.RunRecorder;
import io.homeostat.demo.triage.AuditOutbox;
import io.homeostat.demo.triage.Traffic;
import io.homeostat.demo.triage.TriageApp;
import io.homeostat.demo.triage.TriageSystem;
import io.homeostat.demo.upstream.SimulatedDatabase;
import io.homeostat.demo.upstream.Upstream;
import io.homeostat.engine.detect.series.OperationSampler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rounds of one {@link Mode} over the demo's running {@link TriageSystem}: builds the application
 * (and, with guards, the kernel: a fresh {@link GuardRegistry} configured as the demo configures
 * it, an in-process bus, the demo's 500 ms {@link OperationSampler}), sends the demo's traffic,
 * measures the process's CPU over the round once the traffic has settled, then stops the traffic,
 * waits for the requests in flight and closes what it built. Nothing of the kernel outlives a
 * guarded round, so a round without guards runs none of it. {@link #start} leaves the traffic
 * running for a caller that measures several windows of one mode ({@link SoloRun}). Not thread-safe.
 */
final class TriageRound {

    /** The demo's sampling period of the guards' rates (its {@code Healer}). */
    static final Duration SAMPLING = Duration.ofMillis(500);

    private final TriageSystem system;
    private final Scheduler scheduler;
    private final Clock clock;
    private final long seed;
    private final int rate;
    private final Duration settle;
    private final CpuMeter meter = new CpuMeter();

    /**
     * @param seed seeds the request mix (plus the round's index)
     * @param rate triage requests a second
     * @param settle how long a {@link #run round}'s traffic runs before its measurement starts
     */
    TriageRound(TriageSystem system, Scheduler scheduler, long seed, int rate, Duration settle) {
        this.system = system;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.seed = seed;
        this.rate = rate;
        this.settle = settle;
    }

    /** Runs a round of {@code mode} measured for {@code length}, after the traffic has settled. */
    RoundResult run(Mode mode, int index, Duration length, boolean fault) throws InterruptedException {
        try (Running running = start(mode, index, fault)) {
            clock.sleep(settle);
            Sample before = running.sample();
            clock.sleep(length);
            return running.between(index, before, running.sample());
        }
    }

    /**
     * Builds the application of {@code mode} (and with guards the kernel) and starts the demo's
     * traffic; it runs until the result is closed.
     *
     * @param index seeds the request mix with the seed
     * @param fault whether {@code llm:openai} has an outage until the result is closed
     */
    Running start(Mode mode, int index, boolean fault) throws InterruptedException {
        Upstream faulty = system.upstream(TriageSystem.OPENAI);
        if (fault) {
            faulty.update(f -> f.withOutage(true));
        }
        RunRecorder recorder = new RunRecorder(clock);
        SimulatedDatabase database = system.databases().get(TriageSystem.DB_PRIMARY);
        InProcessSignalBus bus = null;
        OperationSampler sampler = null;
        GuardRegistry guards = null;
        AtomicLong delivered = new AtomicLong();
        AuditOutbox outbox;
        TriageApp app;
        if (mode == Mode.GUARDED) {
            bus = InProcessSignalBus.builder().threadName("homeostat-bus").build();
            // Stands for the control loop's consumers, which are out of this measurement.
            bus.subscribe(batch -> delivered.addAndGet(batch.size()));
            guards = GuardRegistry.builder().clock(clock).scheduler(scheduler).signalBus(bus).build();
            system.configure(guards);
            outbox = new AuditOutbox(database, guards.guard(TriageSystem.DB_PRIMARY), scheduler, recorder::now);
            GuardRegistry registry = guards;
            sampler = OperationSampler.create(registry::guards, bus, scheduler, SAMPLING).start();
            app = new TriageApp(system, guards, recorder, outbox, clock, seed + index);
        } else {
            outbox = AuditOutbox.direct(database, scheduler, recorder::now);
            app = TriageApp.unguarded(system, recorder, outbox, clock, seed + index);
        }
        Traffic traffic = new Traffic(app, recorder, Math.max(50, rate * 4));
        Running running = new Running(mode, fault, faulty, recorder, bus, sampler, guards, outbox, traffic);
        try {
            traffic.start(scheduler, rate);
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        return running;
    }

    /**
     * What a {@link Running} application had done and spent by one moment: the difference of two
     * is a {@link RoundResult}. Immutable.
     */
    record Sample(long monotonicNanos, CpuMeter.Reading cpu, long requests, long httpCalls, long guardCalls,
            long fallbacks, long signals) {}

    /**
     * The application of one mode with its traffic running. Closing it stops the traffic, waits
     * (10 s at most) for the requests in flight and closes what {@link #start} built, so nothing
     * of the kernel outlives it. Not thread-safe.
     */
    final class Running implements AutoCloseable {

        private final Mode mode;
        private final boolean fault;
        private final Upstream faulty;
        private final RunRecorder recorder;
        private final InProcessSignalBus bus;
        private final OperationSampler sampler;
        private final GuardRegistry guards;
        private final AuditOutbox outbox;
        private final Traffic traffic;

        private Running(Mode mode, boolean fault, Upstream faulty, RunRecorder recorder, InProcessSignalBus bus,
                OperationSampler sampler, GuardRegistry guards, AuditOutbox outbox, Traffic traffic) {
            this.mode = mode;
            this.fault = fault;
            this.faulty = faulty;
            this.recorder = recorder;
            this.bus = bus;
            this.sampler = sampler;
            this.guards = guards;
            this.outbox = outbox;
            this.traffic = traffic;
        }

        /** The counters and the process's CPU now. */
        Sample sample() {
            long requests = recorder.requests();
            long http = httpCalls();
            long[] guarded = guardCalls(guards);
            long published = bus == null ? 0 : bus.published();
            return new Sample(clock.monotonicNanos(), meter.read(), requests, http, guarded[0], guarded[1], published);
        }

        /** What the application did and spent from {@code before} to {@code after}. */
        RoundResult between(int index, Sample before, Sample after) {
            CpuMeter.Reading from = before.cpu();
            CpuMeter.Reading to = after.cpu();
            return new RoundResult(mode, index, fault, after.monotonicNanos() - before.monotonicNanos(),
                    to.processNanos() - from.processNanos(), CpuMeter.byGroup(from, to),
                    after.requests() - before.requests(), after.httpCalls() - before.httpCalls(),
                    after.guardCalls() - before.guardCalls(), after.fallbacks() - before.fallbacks(),
                    after.signals() - before.signals(),
                    from.allocatedBytes() < 0 ? -1 : to.allocatedBytes() - from.allocatedBytes());
        }

        @Override
        public void close() throws InterruptedException {
            try {
                traffic.close();
                long deadline = clock.monotonicNanos() + Duration.ofSeconds(10).toNanos();
                while (traffic.inFlight() > 0 && clock.monotonicNanos() < deadline) {
                    clock.sleep(Duration.ofMillis(20));
                }
            } finally {
                outbox.close();
                if (sampler != null) {
                    sampler.close();
                }
                if (bus != null) {
                    bus.close();
                }
                if (fault) {
                    faulty.clearFaults();
                }
            }
        }
    }

    private long httpCalls() {
        long calls = 0;
        for (Upstream upstream : system.upstreams().values()) {
            calls += upstream.calls();
        }
        return calls;
    }

    /** {calls, fallbacks} the guards have seen since they were made. */
    private static long[] guardCalls(GuardRegistry guards) {
        long calls = 0;
        long fallbacks = 0;
        if (guards != null) {
            for (Guard guard : guards.guards()) {
                OperationSnapshot total = guard.recorder().total();
                calls += total.attempts() - total.retries() + total.rejected();
                fallbacks += total.fallbacks().values().stream().mapToLong(Long::longValue).sum();
            }
        }
        return new long[] {calls, fallbacks};
    }
}
