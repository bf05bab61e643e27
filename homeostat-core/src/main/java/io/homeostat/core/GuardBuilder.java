package io.homeostat.core;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.bulkhead.Bulkhead;
import io.homeostat.core.classify.ErrorClassifier;
import io.homeostat.core.record.RecorderConfig;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds a {@link Guard}. Every policy is optional; without any, a guard only records. Not
 * thread-safe; the guard it builds is.
 */
public final class GuardBuilder {

    private static final ExecutorService VIRTUAL_THREADS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("homeostat-guard-", 0).factory());

    final String name;
    Clock clock = Clock.system();
    Scheduler scheduler;
    CircuitBreaker breaker;
    Retry retry;
    Bulkhead bulkhead;
    Duration timeout = Duration.ZERO;
    ErrorClassifier classifier = ErrorClassifier.defaults();
    SignalBus bus = SignalBus.none();
    RecorderConfig recording = RecorderConfig.defaults();
    Executor executor = VIRTUAL_THREADS;
    String caller;

    GuardBuilder(String name) {
        this.name = requireName(name);
    }

    /**
     * Returns {@code name} if it can name a guard: not blank, and at most
     * {@link Signal#MAX_NAME_LENGTH} characters.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if it is blank or too long
     */
    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("guard name must not be blank");
        }
        if (name.length() > Signal.MAX_NAME_LENGTH) {
            // Its signals carry it as their service: the store and the server would refuse them.
            throw new IllegalArgumentException("guard name must be at most " + Signal.MAX_NAME_LENGTH
                    + " characters, was " + name.length());
        }
        return name;
    }

    /**
     * The clock (default: the system clock). With a {@link ManualClock} and no scheduler set, the
     * guard schedules its timeouts on that clock's scheduler.
     */
    public GuardBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The scheduler that watches timeouts; sets the clock to the scheduler's. Default: on the real
     * clock {@link Scheduler#deadlines()}, whose thread runs nothing else, so a timeout fires even
     * for a call made from a task on {@link Scheduler#system()}; on a {@link ManualClock}, the
     * clock's scheduler.
     */
    public GuardBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = scheduler.clock();
        return this;
    }

    /** The circuit breaker (default: none). */
    public GuardBuilder circuitBreaker(CircuitBreaker breaker) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        return this;
    }

    /** The retry policy (default: none, one attempt). */
    public GuardBuilder retry(Retry retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        return this;
    }

    /** The bulkhead (default: none). */
    public GuardBuilder bulkhead(Bulkhead bulkhead) {
        this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
        return this;
    }

    /**
     * The deadline of a call's primary path: every attempt and the backoff waits between them
     * (default: none). An attempt still running at the deadline is interrupted, and a retry whose
     * backoff would end past it is not made. The fallback's tiers, which answer after the primary
     * path has given up, are not bounded by it: a slow tier makes the call last longer than the
     * timeout. One longer than about 146 years is held to that, as good as none.
     *
     * @throws IllegalArgumentException if negative; {@link Duration#ZERO} means none
     */
    public GuardBuilder timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        this.timeout = Durations.requireNonNegative(timeout.compareTo(Durations.LONGEST) > 0 ? Durations.LONGEST : timeout,
                "timeout");
        return this;
    }

    /** How failures are classified (default: {@link ErrorClassifier#defaults()}). */
    public GuardBuilder classifier(ErrorClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        return this;
    }

    /** Where failure and outcome signals go (default: nowhere). */
    public GuardBuilder signalBus(SignalBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
        return this;
    }

    /** The recorder's window (default: {@link RecorderConfig#defaults()}). */
    public GuardBuilder recording(RecorderConfig recording) {
        this.recording = Objects.requireNonNull(recording, "recording");
        return this;
    }

    /** Where async calls run (default: a virtual thread per call). */
    public GuardBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * The service this guard runs in, the caller of its dependency (default: none). Every signal the
     * guard publishes then carries the tag {@value Signal#CALLER_TAG}{@code =caller}, from which the
     * engine learns the dependency graph ({@code caller -> name}). The tag map is built here, once:
     * publishing costs nothing more, and the success path publishes nothing.
     *
     * @throws IllegalArgumentException if blank or equal to the guard's own name
     */
    public GuardBuilder caller(String caller) {
        Objects.requireNonNull(caller, "caller");
        if (caller.isBlank()) {
            throw new IllegalArgumentException("caller of guard '" + name + "' must not be blank");
        }
        if (caller.strip().equals(name)) {
            throw new IllegalArgumentException("guard '" + name + "' cannot be its own caller");
        }
        this.caller = caller.strip();
        return this;
    }

    /** The guard. */
    public Guard build() {
        if (scheduler == null) {
            scheduler = clock instanceof ManualClock manual ? manual.scheduler() : Scheduler.deadlines();
        }
        if (scheduler.clock() != clock) {
            throw new IllegalStateException("the scheduler of guard '" + name + "' runs on another clock than the guard");
        }
        return new Guard(this);
    }
}
