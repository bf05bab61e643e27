package io.homeostat.core;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.bulkhead.Bulkhead;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.classify.ErrorClassifier;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.FallbackFailedException;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.record.OperationRecorder;
import io.homeostat.core.record.OperationSnapshot;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The policy pipeline around the calls to one dependency, run as
 * {@code fallback(retry(circuitBreaker(timeout(bulkhead(call)))))}: every attempt asks the breaker
 * and the bulkhead, runs against the call's one deadline (retries share it), and is recorded; a
 * failed attempt is retried while the retry policy, its budget, the deadline and the breaker allow;
 * what still fails is answered by the fallback's tiers, as the safety policy permits.
 *
 * <p>Each policy is optional. The success path allocates nothing, and reads the clock once per
 * attempt, twice for the successes it times: every success when a policy needs every latency (a
 * timeout, a breaker's slow-call check, a latency-driven bulkhead), else one in the recorder's
 * {@link io.homeostat.core.record.RecorderConfig#successSampling()} (and every one while the guard
 * is quiet, see {@link OperationRecorder#latencyWeight}). Failures are always timed; every outcome
 * is counted. A rejected call allocates nothing in the guard.
 *
 * <p>Thread-safe: one guard serves all threads calling its dependency.
 */
public final class Guard {

    /**
     * About 146 years: a longer timeout is held to this, which is as good as none, so that the
     * deadline (now plus the timeout, in nanoseconds) cannot overflow while the monotonic clock
     * reads less than another 146 years.
     */

    private final String name;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final Duration timeout;
    private final long timeoutNanos;
    /** Watches the running attempts' deadlines; null without a timeout. */
    private final Deadlines deadlines;
    private final ErrorClassifier classifier;
    private final SignalBus bus;
    private final boolean publishing;
    private final OperationRecorder recorder;
    private final Executor executor;
    /** The tags of every published signal: the caller's, built once (see {@link GuardBuilder#caller}). */
    private final Map<String, String> tags;
    /** Whether a policy needs the latency of every call; if not, only sampled successes are timed. */
    private final boolean timesEveryCall;

    private final Failure circuitOpen;
    private final Failure bulkheadFull;
    private final Failure deadlineExceeded;
    private final Failure resultRejected;
    /** The call was not made: its result would need a check the fallback does not have. */
    private final Failure uncheckable;

    Guard(GuardBuilder builder) {
        this.name = builder.name;
        this.clock = builder.clock;
        this.breaker = builder.breaker;
        this.retry = builder.retry;
        this.bulkhead = builder.bulkhead;
        this.timeout = builder.timeout;
        this.timeoutNanos = builder.timeout
                .toNanos();
        this.deadlines = timeoutNanos == 0 ? null : new Deadlines(builder.scheduler);
        this.classifier = builder.classifier;
        this.bus = builder.bus;
        this.publishing = builder.bus != SignalBus.none();
        this.recorder = OperationRecorder.create(name, builder.recording, clock.monotonicNanos());
        this.executor = builder.executor;
        this.tags = builder.caller == null ? Map.of() : Map.of(Signal.CALLER_TAG, builder.caller);
        this.timesEveryCall = timeoutNanos != 0
                || (breaker != null && breaker.config().slowCallCheckEnabled())
                || (bulkhead != null && bulkhead.usesLatency());
        this.circuitOpen = new Failure(new CircuitOpenException(name), ErrorCategory.REJECTED);
        this.bulkheadFull = new Failure(
                new BulkheadFullException(name, bulkhead == null ? 0 : bulkhead.limit()), ErrorCategory.REJECTED);
        this.deadlineExceeded = new Failure(new CallTimeoutException(name, timeout), ErrorCategory.TIMEOUT);
        this.resultRejected = new Failure(new ResultRejectedException(name), ErrorCategory.UNKNOWN);
        this.uncheckable = new Failure(new ResultRejectedException(name, "'" + name + "' was not called: the safety"
                + " policy requires an integrity check of its result for this call, and its fallback has none"
                + " (FallbackBuilder.validatePrimary)"), ErrorCategory.REJECTED);
    }

    /** Starts a guard named after its dependency, e.g. {@code llm:openai}. */
    public static GuardBuilder builder(String name) {
        return new GuardBuilder(name);
    }

    /** The dependency's name. */
    public String name() {
        return name;
    }

    /**
     * Runs {@code call} through the pipeline without a fallback.
     *
     * @return the call's result
     * @throws CircuitOpenException if the breaker refused the call
     * @throws BulkheadFullException if the bulkhead refused it
     * @throws CallTimeoutException if the deadline passed
     * @throws CallFailedException if the last attempt threw a checked exception (its cause);
     *     unchecked exceptions and errors of the call are rethrown as they are
     * @throws NullPointerException if {@code call} is null, before anything runs
     */
    public <T> T call(CheckedSupplier<T> call) {
        Objects.requireNonNull(call, "call");
        long start = clock.monotonicNanos();
        Object outcome = run(start, CallContext.DEFAULT, call, null);
        if (outcome instanceof Failure failure) {
            publishOutcome(failure.status(), failure.category, start, null);
            throw failure.exception(name);
        }
        return cast(outcome);
    }

    /**
     * Runs {@code call} through the pipeline; if it fails, {@code fallback}'s tiers answer as the
     * safety policy allows for {@code context}.
     *
     * @return the call's result or the fallback's value
     * @throws FallbackFailedException if no tier may or can serve (with guidance for the caller)
     * @throws NullPointerException if an argument is null, before anything runs
     * @see #execute
     */
    public <T> T call(CallContext context, CheckedSupplier<T> call, Fallback<T> fallback) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(fallback, "fallback");
        long start = clock.monotonicNanos();
        if (fallback.refusesUncheckedPrimary(context)) {
            return serve(start, context, fallback, uncheckable).value();
        }
        Object outcome = run(start, context, call, fallback);
        if (outcome instanceof Failure failure) {
            return serve(start, context, fallback, failure).value();
        }
        return cast(outcome);
    }

    /**
     * As {@link #call(CallContext, CheckedSupplier, Fallback)}, returning which tier served, how
     * stale it is and any warning. A call whose result the safety policy would refuse unchecked
     * (e.g. a diagnostic one under the default rules) while {@code fallback} has no
     * {@linkplain io.homeostat.core.fallback.FallbackBuilder#validatePrimary check} of it is not made:
     * the fallback's tiers answer it, or it fails, its cause saying why, and the dependency is not
     * counted as failing.
     *
     * @throws FallbackFailedException if no tier may or can serve
     * @throws NullPointerException if an argument is null, before anything runs
     */
    public <T> Served<T> execute(CallContext context, CheckedSupplier<T> call, Fallback<T> fallback) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(fallback, "fallback");
        long start = clock.monotonicNanos();
        if (fallback.refusesUncheckedPrimary(context)) {
            return serve(start, context, fallback, uncheckable);
        }
        Object outcome = run(start, context, call, fallback);
        if (outcome instanceof Failure failure) {
            return serve(start, context, fallback, failure);
        }
        return Served.primary(cast(outcome));
    }

    /**
     * Runs {@link #call(CheckedSupplier)} on the guard's executor (a virtual thread per call by
     * default). The future fails with what {@code call} would throw.
     */
    public <T> CompletableFuture<T> callAsync(CheckedSupplier<T> call) {
        Objects.requireNonNull(call, "call");
        return CompletableFuture.supplyAsync(() -> call(call), executor);
    }

    /** Runs {@link #execute} on the guard's executor. */
    public <T> CompletableFuture<Served<T>> executeAsync(CallContext context, CheckedSupplier<T> call, Fallback<T> fallback) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(fallback, "fallback");
        return CompletableFuture.supplyAsync(() -> execute(context, call, fallback), executor);
    }

    /** The breaker, if the guard has one. */
    public Optional<CircuitBreaker> circuitBreaker() {
        return Optional.ofNullable(breaker);
    }

    /** The bulkhead, if the guard has one. */
    public Optional<Bulkhead> bulkhead() {
        return Optional.ofNullable(bulkhead);
    }

    /** The retry policy, if the guard has one. */
    public Optional<Retry> retry() {
        return Optional.ofNullable(retry);
    }

    /** The service this guard runs in, set by {@link GuardBuilder#caller}; empty if none. */
    public Optional<String> caller() {
        return Optional.ofNullable(tags.get(Signal.CALLER_TAG));
    }

    /**
     * The deadline of a call's primary path, all attempts and the waits between them included (not
     * the fallback tiers); {@link Duration#ZERO} for none.
     */
    public Duration timeout() {
        return timeout;
    }

    /** The guard's recorder. */
    public OperationRecorder recorder() {
        return recorder;
    }

    /** What the guard's calls did over the recorder's window, up to now. */
    public OperationSnapshot snapshot() {
        return recorder.snapshot(clock.monotonicNanos());
    }

    @Override
    public String toString() {
        return "Guard[" + name + "]";
    }

    /**
     * The pipeline. Returns the call's result, or a {@link Failure} when the primary path gave up:
     * no exception is thrown for control flow, so rejections stay cheap.
     */
    private Object run(long start, CallContext context, CheckedSupplier<?> call, Fallback<?> fallback) {
        long now = start;
        long deadline = timeoutNanos == 0 ? Long.MAX_VALUE : now + timeoutNanos;
        if (retry != null) {
            retry.onCall(now);
        }
        for (int attempt = 1; ; attempt++) {
            if (now >= deadline) {
                return deadlineExceeded;
            }
            if (breaker != null && !breaker.tryAcquirePermission(now)) {
                recorder.recordRejected(now);
                return circuitOpen;
            }
            if (bulkhead != null && !bulkhead.tryAcquire()) {
                if (breaker != null) {
                    breaker.releasePermission();
                }
                recorder.recordRejected(now);
                return bulkheadFull;
            }

            Object result = null;
            Throwable error = null;
            TimeoutWatch watch = null;
            try {
                if (deadlines != null) {
                    watch = deadlines.start(deadline); // refused by a closed scheduler: fails like the call
                }
                result = call.get();
            } catch (Throwable e) {
                error = e;
            }
            boolean timedOut = watch != null && watch.finish();
            long weight = error != null || timesEveryCall ? 1 : recorder.latencyWeight(now);
            boolean timed = weight != 0;
            long end = timed ? clock.monotonicNanos() : now;
            long took = timed ? end - now : CircuitBreaker.UNTIMED;
            timedOut |= end >= deadline;
            ErrorCategory category = error == null || timedOut ? null : classifier.classify(error);
            if (bulkhead != null) {
                bulkhead.release(took, timedOut || overloaded(category));
            }

            if (timedOut) {
                if (breaker != null) {
                    breaker.onError(end, took, deadlineExceeded.error);
                }
                recorder.recordTimeout(end, took);
                return deadlineExceeded;
            }

            Failure failure;
            if (error == null) {
                if (breaker != null) {
                    breaker.onResult(end, took, result);
                }
                if (retry == null || !retry.retryOnResult(result)) {
                    if (fallback != null && !acceptsPrimary(fallback, context, result)) {
                        recordRefusedResult(now, end, timed);
                        return resultRejected;
                    }
                    if (timed) {
                        recorder.recordSampledSuccess(end, took, weight);
                    } else {
                        recorder.recordUntimedSuccess(now);
                    }
                    if (fallback != null) {
                        storePrimary(fallback, context, result);
                    }
                    return result;
                }
                end = recordRefusedResult(now, end, timed);
                failure = null;
            } else {
                if (breaker != null) {
                    breaker.onError(end, took, error);
                }
                recorder.recordFailure(end, took, category);
                publishFailure(error, category);
                if (error instanceof Error fatal) {
                    throw fatal;
                }
                failure = new Failure(error, category);
                if (error instanceof InterruptedException) {
                    // Someone else interrupted the caller (our deadline is handled above): keep
                    // the interrupt for the caller to see, and do not retry.
                    Thread.currentThread().interrupt();
                    return failure;
                }
                if (retry == null || !retry.retryOnError(error, category)) {
                    return failure;
                }
            }

            long delay = retry.delayNanos(attempt, end);
            long wakeAt = end + delay; // before end only if a wait of centuries overflowed it
            if (delay == Retry.NO_RETRY || wakeAt < end || wakeAt >= deadline || breakerOpen()) {
                // Out of attempts or budget, no time left to wait, or the breaker is open: a
                // retry would not help.
                return failure != null ? failure : lastResult(fallback, context, result);
            }
            try {
                clock.sleep(Duration.ofNanos(delay));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure != null ? failure : lastResult(fallback, context, result);
            }
            now = clock.monotonicNanos();
            recorder.recordRetry(now);
        }
    }

    /**
     * Records a result that a predicate refused as a failure; an untimed one is timed now, its
     * latency including the predicate's. Returns the end time used.
     */
    private long recordRefusedResult(long start, long end, boolean timed) {
        long ended = timed ? end : clock.monotonicNanos();
        recorder.recordFailure(ended, ended - start, ErrorCategory.UNKNOWN);
        return ended;
    }

    private boolean breakerOpen() {
        if (breaker == null) {
            return false;
        }
        CircuitState state = breaker.state();
        return state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN;
    }

    private <T> Served<T> serve(long start, CallContext context, Fallback<T> fallback, Failure failure) {
        try {
            Served<T> served = fallback.serve(context, failure.error);
            recorder.recordFallback(clock.monotonicNanos(), served.kind());
            publishOutcome(OperationOutcome.Status.FALLBACK, failure.category, start, served.tier());
            return served;
        } catch (FallbackFailedException e) {
            publishOutcome(failure.status(), failure.category, start, null);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    /**
     * A result the retry policy still refused when retrying ended: returned as it is (the caller
     * asked for retries, not for a failure), unless the fallback's integrity check refuses it as
     * well, in which case the fallback serves the call, or the safety policy fails it, as for any
     * refused result.
     */
    private Object lastResult(Fallback<?> fallback, CallContext context, Object result) {
        return fallback != null && !acceptsPrimary(fallback, context, result) ? resultRejected : result;
    }

    /** Whether a failure of {@code category} tells of an overloaded dependency (it rejected or shed the call). */
    private static boolean overloaded(ErrorCategory category) {
        return category == ErrorCategory.RATE_LIMIT || category == ErrorCategory.UNAVAILABLE;
    }

    private static <T> boolean acceptsPrimary(Fallback<T> fallback, CallContext context, Object result) {
        return fallback.acceptsPrimary(context, (T) result);
    }

    @SuppressWarnings("unchecked")
    private static <T> void storePrimary(Fallback<T> fallback, CallContext context, Object result) {
        fallback.onPrimarySuccess(context, (T) result);
    }

    /** One outcome signal per call that did not simply succeed; successes are in the recorder. */
    private void publishOutcome(OperationOutcome.Status status, ErrorCategory category, long start, String tier) {
        if (publishing) {
            long latency = Math.max(0, clock.monotonicNanos() - start);
            bus.publish(new OperationOutcome(name, status, category, latency, tier, clock.instant(), tags));
        }
    }

    /** One failure signal per failed attempt, for diagnosis. */
    private void publishFailure(Throwable error, ErrorCategory category) {
        if (publishing) {
            bus.publish(new FailureEvent(name, category, error.getClass().getName(), error.getMessage(), clock.instant(),
                    tags));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object outcome) {
        return (T) outcome;
    }

    /** Why the primary path gave up: the error to report and its category. */
    private record Failure(Throwable error, ErrorCategory category) {

        OperationOutcome.Status status() {
            return switch (category) {
                case REJECTED -> OperationOutcome.Status.REJECTED;
                case TIMEOUT -> error instanceof CallTimeoutException
                        ? OperationOutcome.Status.TIMEOUT : OperationOutcome.Status.FAILURE;
                default -> OperationOutcome.Status.FAILURE;
            };
        }

        RuntimeException exception(String guard) {
            if (error instanceof RuntimeException unchecked) {
                return unchecked;
            }
            return new CallFailedException(guard, category, error);
        }
    }
}
