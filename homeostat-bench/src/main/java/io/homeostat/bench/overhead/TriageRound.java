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
 * One round of one {@link Mode} over the demo's running {@link TriageSystem}: builds the
 * application (and, with guards, the kernel: a fresh {@link GuardRegistry} configured as the demo
 * configures it, an in-process bus, the demo's 500 ms {@link OperationSampler}), sends the demo's
 * traffic, measures the process's CPU over the round once the traffic has settled, then stops the
 * traffic, waits for the requests in flight and closes what it built. Nothing of the kernel
 * outlives a guarded round, so a round without guards runs none of it. Not thread-safe.
 */
final class TriageRound {

    /** The demo's sampling period of the guards' rates (its {@code Healer}). */
    static final Duration SAMPLING = Duration.ofMillis(500);

    private final TriageSystem system;
    private final Scheduler scheduler;
    private final Clock clock;
    private final OverheadOptions options;
    private final CpuMeter meter = new CpuMeter();

    TriageRound(TriageSystem system, Scheduler scheduler, OverheadOptions options) {
        this.system = system;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.options = options;
    }

    /** Runs a round of {@code mode} measured for {@code length}. */
    RoundResult run(Mode mode, int index, Duration length, boolean fault) throws InterruptedException {
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
            app = new TriageApp(system, guards, recorder, outbox, clock, options.seed() + index);
        } else {
            outbox = AuditOutbox.direct(database, scheduler, recorder::now);
            app = TriageApp.unguarded(system, recorder, outbox, clock, options.seed() + index);
        }
        Traffic traffic = new Traffic(app, recorder, Math.max(50, options.rate() * 4));
        try {
            traffic.start(scheduler, options.rate());
            clock.sleep(options.settle());
            long requests = recorder.requests();
            long http = httpCalls();
            long[] guarded = guardCalls(guards);
            long published = bus == null ? 0 : bus.published();
            long startNanos = clock.monotonicNanos();
            CpuMeter.Reading before = meter.read();
            clock.sleep(length);
            CpuMeter.Reading after = meter.read();
            long wall = clock.monotonicNanos() - startNanos;
            long[] guardedAfter = guardCalls(guards);
            return new RoundResult(mode, index, fault, wall, after.processNanos() - before.processNanos(),
                    CpuMeter.byGroup(before, after), recorder.requests() - requests,
                    httpCalls() - http, guardedAfter[0] - guarded[0], guardedAfter[1] - guarded[1],
                    bus == null ? 0 : bus.published() - published,
                    before.allocatedBytes() < 0 ? -1 : after.allocatedBytes() - before.allocatedBytes());
        } finally {
            traffic.close();
            long deadline = clock.monotonicNanos() + Duration.ofSeconds(10).toNanos();
            while (traffic.inFlight() > 0 && clock.monotonicNanos() < deadline) {
                clock.sleep(Duration.ofMillis(20));
            }
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
