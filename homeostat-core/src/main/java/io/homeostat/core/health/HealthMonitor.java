package io.homeostat.core.health;

import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Durations;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link HealthRegistry} every period on a {@link Scheduler} and publishes one
 * {@link HealthReport} signal per check to a {@link SignalBus}: the monitor stage's view of the
 * service's own health. A check's message goes into the report's details under {@code message}.
 * A run that is still going when the next is due makes that next run skip (counted in
 * {@link #skippedRuns()}); the scheduler thread never waits for checks.
 *
 * <p>Thread-safe.
 */
public final class HealthMonitor implements AutoCloseable {

    /** The default period, 30 s. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private final HealthRegistry registry;
    private final SignalBus bus;
    private final String service;
    private final Duration period;
    private final Scheduler scheduler;
    private final AtomicReference<Cancellable> schedule = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean closed;

    private HealthMonitor(Builder builder) {
        this.registry = builder.registry;
        this.bus = builder.bus;
        this.service = builder.service;
        this.period = builder.period;
        this.scheduler = builder.scheduler;
    }

    /**
     * A builder for a monitor of {@code registry} publishing to {@code bus}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(HealthRegistry registry, SignalBus bus) {
        return new Builder(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(bus, "bus"));
    }

    /**
     * Starts the periodic runs: the first immediately (when the scheduler next runs due tasks),
     * then every period.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        if (closed) {
            throw new IllegalStateException("health monitor is closed");
        }
        Cancellable next = scheduler.scheduleAtFixedRate(Duration.ZERO, period, this::runOnce);
        if (!schedule.compareAndSet(null, next)) {
            next.cancel();
            throw new IllegalStateException("health monitor already started");
        }
    }

    /** Completed runs, each of which published one report per check. */
    public long completedRuns() {
        return runs.get();
    }

    /** Runs skipped because the previous one had not finished. */
    public long skippedRuns() {
        return skipped.get();
    }

    /** Stops further runs; a run in progress still publishes. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Cancellable current = schedule.getAndSet(() -> {});
        if (current != null) {
            current.cancel();
        }
    }

    private void runOnce() {
        if (closed) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            return;
        }
        registry.runAll().whenComplete((snapshot, error) -> {
            try {
                if (snapshot != null) {
                    snapshot.checks().values().forEach(this::publish);
                    runs.incrementAndGet();
                }
            } finally {
                running.set(false);
            }
        });
    }

    private void publish(CheckReport report) {
        Map<String, String> details = report.details();
        if (!report.message().isEmpty()) {
            details = new HashMap<>(details);
            details.put("message", report.message());
        }
        bus.publish(new HealthReport(service, report.name(), report.status(), report.latency(), details,
                report.time(), Map.of()));
    }

    /** Builds a {@link HealthMonitor}. Not thread-safe. */
    public static final class Builder {
        private final HealthRegistry registry;
        private final SignalBus bus;
        private String service = "application";
        private Duration period = DEFAULT_PERIOD;
        private Scheduler scheduler = Scheduler.system();

        private Builder(HealthRegistry registry, SignalBus bus) {
            this.registry = registry;
            this.bus = bus;
        }

        /**
         * The service name on every report, e.g. the application's name; default
         * {@code application}.
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder service(String value) {
            Objects.requireNonNull(value, "service");
            if (value.isBlank()) {
                throw new IllegalArgumentException("service must not be blank");
            }
            this.service = value;
            return this;
        }

        /**
         * How often to run the checks; default 30 s.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder period(Duration value) {
            this.period = Durations.requirePositive(value, "period");
            return this;
        }

        /** The scheduler of the periodic runs; default {@link Scheduler#system()}. */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** A new monitor, not yet started. */
        public HealthMonitor build() {
            return new HealthMonitor(this);
        }
    }
}
