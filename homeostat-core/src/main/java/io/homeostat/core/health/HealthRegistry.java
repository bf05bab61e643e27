package io.homeostat.core.health;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Named health checks, run together. {@link #runAll()} starts every check at once on the
 * executor (by default one virtual thread per run), each under its own timeout enforced by the
 * {@link Scheduler}: when the timeout fires, that check's run counts as failed ("timed out after
 * 5s") and its thread is interrupted. Latency is measured with the {@link Clock}, so with a
 * {@code ManualClock} both latency and timeouts follow the test's {@code advance} calls.
 *
 * <p>A check that throws, times out or returns {@link HealthStatus#UNHEALTHY} has failed; it is
 * reported UNHEALTHY only after {@link HealthCheckOptions#failureThreshold()} failures in a row
 * and DEGRADED (with the failure in its details) before that. The overall status is the worst.
 *
 * <p>Thread-safe: checks may be registered and removed while runs are in progress.
 */
public final class HealthRegistry {

    private final Clock clock;
    private final Scheduler scheduler;
    private final Executor executor;
    private final HealthCheckOptions defaultOptions;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Map<String, RegisteredCheck> checks = Map.of();

    private HealthRegistry(Builder builder) {
        this.scheduler = builder.scheduler;
        this.clock = builder.clock != null ? builder.clock : builder.scheduler.clock();
        this.executor = builder.executor != null ? builder.executor : virtualThreads();
        this.defaultOptions = builder.defaultOptions;
    }

    /** A builder with the system clock and scheduler, virtual threads and default options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a check with the registry's default options.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already registered
     */
    public HealthRegistry register(String name, HealthCheck check) {
        return register(name, check, defaultOptions);
    }

    /**
     * Adds a check with its own options.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already registered
     * @throws NullPointerException if any argument is null
     */
    public HealthRegistry register(String name, HealthCheck check, HealthCheckOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(options, "options");
        if (name.isBlank()) {
            throw new IllegalArgumentException("health check name must not be blank");
        }
        writeLock.lock();
        try {
            if (checks.containsKey(name)) {
                throw new IllegalArgumentException("health check " + name + " is already registered");
            }
            Map<String, RegisteredCheck> copy = new LinkedHashMap<>(checks);
            copy.put(name, new RegisteredCheck(name, check, options));
            checks = Collections.unmodifiableMap(copy);
        } finally {
            writeLock.unlock();
        }
        return this;
    }

    /** Removes the check named {@code name}; returns false if there was none. */
    public boolean unregister(String name) {
        writeLock.lock();
        try {
            if (!checks.containsKey(name)) {
                return false;
            }
            Map<String, RegisteredCheck> copy = new LinkedHashMap<>(checks);
            copy.remove(name);
            checks = Collections.unmodifiableMap(copy);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** The registered check names, in registration order. */
    public Set<String> names() {
        return checks.keySet();
    }

    /**
     * Runs every check concurrently. The future completes when every check has finished or timed
     * out; it never completes exceptionally, failures are in the reports.
     */
    public CompletableFuture<HealthSnapshot> runAll() {
        List<RegisteredCheck> current = new ArrayList<>(checks.values());
        List<CompletableFuture<CheckReport>> runs = new ArrayList<>(current.size());
        for (RegisteredCheck check : current) {
            runs.add(run(check));
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, CheckReport> reports = new LinkedHashMap<>();
            for (CompletableFuture<CheckReport> run : runs) {
                CheckReport report = run.join();
                reports.put(report.name(), report);
            }
            return HealthSnapshot.of(reports, clock.instant());
        });
    }

    /**
     * Runs the check named {@code name} alone, counting towards its consecutive failures.
     *
     * @throws IllegalArgumentException if no check has that name
     */
    public CompletableFuture<CheckReport> run(String name) {
        RegisteredCheck check = checks.get(name);
        if (check == null) {
            throw new IllegalArgumentException("no health check named " + name);
        }
        return run(check);
    }

    private CompletableFuture<CheckReport> run(RegisteredCheck check) {
        long start = clock.monotonicNanos();
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        CheckRun run = new CheckRun(check.check, result);
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        CompletableFuture<HealthResult> settled = result;
        if (!result.isDone()) {
            Duration timeout = check.options.timeout();
            Cancellable timer = scheduler.schedule(timeout, () -> {
                if (result.completeExceptionally(new HealthCheckTimeoutException(check.name, timeout))) {
                    run.interruptIfRunning();
                }
            });
            // The report waits for the cancel: dependents of one future run in no promised order,
            // so a report made beside the cancel could be seen while the timer is still pending.
            settled = result.whenComplete((ignored, error) -> timer.cancel());
        }
        return settled.handle((outcome, error) -> {
            Duration latency = Duration.ofNanos(Math.max(0, clock.monotonicNanos() - start));
            Instant time = clock.instant();
            return check.report(outcome, unwrap(error), latency, time);
        });
    }

    /** The failure itself, not the {@link CompletionException} a dependent stage wraps it in. */
    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : error;
    }

    /**
     * One virtual thread per run. The executor is never closed: it owns no platform threads and
     * a finished virtual thread leaves nothing behind. ({@code Executors} rather than
     * {@code Thread.ofVirtual()} because the build's API check runs on the build JDK, which may
     * predate {@code Thread.Builder}.)
     */
    private static Executor virtualThreads() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    /** Builds a {@link HealthRegistry}. Not thread-safe. */
    public static final class Builder {
        private Clock clock;
        private Scheduler scheduler = Scheduler.system();
        private Executor executor;
        private HealthCheckOptions defaultOptions = HealthCheckOptions.defaults();

        private Builder() {}

        /** The clock for latencies and report times; default the scheduler's clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The scheduler that enforces timeouts; default {@link Scheduler#system()}. */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Where checks run; default a new virtual thread per run. A direct executor
         * ({@code Runnable::run}) runs checks one after another inside {@link #runAll()}, where
         * no timeout can stop them: use it only for checks that cannot block.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Options for checks registered without their own; default {@link HealthCheckOptions#defaults()}. */
        public Builder defaultOptions(HealthCheckOptions value) {
            this.defaultOptions = Objects.requireNonNull(value, "defaultOptions");
            return this;
        }

        /** A new registry with no checks. */
        public HealthRegistry build() {
            return new HealthRegistry(this);
        }
    }
}
