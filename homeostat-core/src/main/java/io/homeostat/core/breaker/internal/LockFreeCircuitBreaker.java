package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A circuit breaker whose state is one volatile reference to an immutable {@link Phase}, swapped
 * by compare-and-set; the thread that wins a swap publishes the transition. CLOSED admits with one
 * volatile read; OPEN rejects with one read, one comparison and a {@link LongAdder} increment.
 * Thread-safe and lock-free.
 */
public final class LockFreeCircuitBreaker implements CircuitBreaker {

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(LockFreeCircuitBreaker.class, "phase", Phase.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final TransitionPublisher publisher;
    private final long slowCallNanos;
    private final boolean slowCallCheck;
    private final LongAdder rejected = new LongAdder();
    private final StateTransfer transfer;
    private final TripRule tripRule;
    private final OutcomeRules outcomes;
    private volatile Phase phase;

    private LockFreeCircuitBreaker(
            String name, CircuitBreakerConfig config, Clock clock, List<Consumer<CircuitTransition>> listeners) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.publisher = new TransitionPublisher(name, clock, listeners);
        this.slowCallNanos = config.slowCallDuration().toNanos();
        this.slowCallCheck = config.slowCallCheckEnabled();
        this.transfer = new StateTransfer(name, config, clock);
        this.tripRule = new TripRule(config);
        this.outcomes = new OutcomeRules(config);
        this.phase = new Phase.Closed(Window.of(config), TransitionReasons.CREATED, clock.monotonicNanos());
    }

    /**
     * A new CLOSED breaker; what {@link io.homeostat.core.breaker.CircuitBreakerBuilder} builds.
     *
     * @throws NullPointerException if an argument is null
     */
    public static CircuitBreaker create(
            String name, CircuitBreakerConfig config, Clock clock, List<Consumer<CircuitTransition>> listeners) {
        return new LockFreeCircuitBreaker(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(listeners, "listeners"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CircuitState state() {
        return phase.kind;
    }

    @Override
    public CircuitBreakerConfig config() {
        return config;
    }

    @Override
    public boolean tryAcquirePermission(long nowNanos) {
        Phase current = phase;
        if (current instanceof Phase.Closed) {
            return true;
        }
        return acquireWhenNotClosed(current, nowNanos);
    }

    private boolean acquireWhenNotClosed(Phase current, long nowNanos) {
        while (true) {
            if (current instanceof Phase.Open open) {
                if (nowNanos - open.retryAtNanos < 0) {
                    rejected.increment();
                    return false;
                }
                String reason = TransitionReasons.openWaitElapsed(open.retryAtNanos - open.openedAtNanos);
                swap(open, new Phase.HalfOpen(open.trips, config.successThreshold(), reason, nowNanos), reason, open.cause);
                current = phase; // whoever won, try again in the new phase
            } else if (current instanceof Phase.HalfOpen halfOpen) {
                if (halfOpen.tryTakePermit()) {
                    return true;
                }
                rejected.increment();
                return false;
            } else if (current instanceof Phase.ForcedOpen) {
                rejected.increment();
                return false;
            } else {
                return true; // DISABLED, or CLOSED after a concurrent transition
            }
        }
    }

    @Override
    public void onResult(long nowNanos, long durationNanos, Object result) {
        record(nowNanos, durationNanos, outcomes.resultFails(result));
    }

    @Override
    public void onError(long nowNanos, long durationNanos, Throwable error) {
        int verdict = outcomes.classify(error);
        if (verdict == OutcomeRules.IGNORED) {
            releasePermission();
        } else {
            record(nowNanos, durationNanos, verdict == OutcomeRules.FAILURE);
        }
    }

    private void record(long nowNanos, long durationNanos, boolean failure) {
        Phase current = phase;
        boolean slow = durationNanos >= slowCallNanos;
        if (current instanceof Phase.Closed closed) {
            if (closed.record(nowNanos, failure, slow) || (slow && slowCallCheck)) {
                checkTrip(closed, nowNanos);
            }
        } else if (current instanceof Phase.HalfOpen halfOpen) {
            recordTrial(halfOpen, nowNanos, durationNanos, failure, slow && slowCallCheck);
        }
        // OPEN, FORCED_OPEN, DISABLED: a late outcome counts for nothing
    }

    private void checkTrip(Phase.Closed closed, long nowNanos) {
        WindowSnapshot window = closed.snapshot(nowNanos);
        String reason = tripRule.reasonToOpen(window);
        if (reason != null) {
            swap(closed, open(1, nowNanos, window, reason), reason, window);
        }
    }

    private void recordTrial(Phase.HalfOpen halfOpen, long nowNanos, long durationNanos, boolean failure, boolean slow) {
        if (failure || slow) {
            WindowSnapshot trials = halfOpen.snapshot(1);
            String reason = failure
                    ? TransitionReasons.TRIAL_FAILED
                    : TransitionReasons.trialSlow(durationNanos, config.slowCallDuration());
            swap(halfOpen, open(halfOpen.trips + 1, nowNanos, trials, reason), reason, trials);
        } else if (halfOpen.successes.incrementAndGet() == halfOpen.trials) {
            String reason = TransitionReasons.trialsSucceeded(halfOpen.trials);
            swap(halfOpen, new Phase.Closed(Window.of(config), reason, nowNanos), reason, halfOpen.snapshot(0));
        }
    }

    private Phase.Open open(int trips, long nowNanos, WindowSnapshot cause, String reason) {
        long wait = config.openWait(trips).toNanos();
        return new Phase.Open(trips, nowNanos, nowNanos + wait, cause, reason);
    }

    @Override
    public void releasePermission() {
        if (phase instanceof Phase.HalfOpen halfOpen) {
            halfOpen.returnPermit();
        }
    }

    @Override
    public WindowSnapshot snapshot() {
        return StateTransfer.evidence(phase, clock.monotonicNanos());
    }

    @Override
    public long rejectedCalls() {
        return rejected.sum();
    }

    @Override
    public long listenerFailures() {
        return publisher.failures();
    }

    @Override
    public void forceOpen(String reason) {
        String why = TransitionReasons.forcedOpen(requireReason(reason));
        operate(CircuitState.FORCED_OPEN, why, (current, now) ->
                new Phase.ForcedOpen(current.trips, StateTransfer.evidence(current, now), why, now));
    }

    @Override
    public void disable(String reason) {
        String why = TransitionReasons.disabled(requireReason(reason));
        operate(CircuitState.DISABLED, why, (current, now) ->
                new Phase.Disabled(current.trips, StateTransfer.evidence(current, now), why, now));
    }

    @Override
    public void reset(String reason) {
        String why = TransitionReasons.reset(requireReason(reason));
        operate(CircuitState.CLOSED, why, (current, now) -> new Phase.Closed(Window.of(config), why, now));
    }

    /** An operator's transition: always swaps, then publishes with the evidence it replaced. */
    private void operate(CircuitState to, String why, java.util.function.BiFunction<Phase, Long, Phase> next) {
        long now = clock.monotonicNanos();
        Phase before = swapAlways(current -> next.apply(current, now));
        publisher.publish(before.kind, to, why, StateTransfer.evidence(before, now));
    }

    @Override
    public Instant lastTransitionAt() {
        Phase current = phase;
        return clock.instant().minusNanos(clock.monotonicNanos() - current.enteredAtNanos);
    }

    @Override
    public BreakerState exportState() {
        return transfer.export(phase);
    }

    @Override
    public void importState(BreakerState state) {
        Phase imported = transfer.toPhase(state);
        Phase before = swapAlways(current -> imported);
        publisher.publish(before.kind, imported.kind, TransitionReasons.imported(state.lastTransitionReason()),
                state.window());
    }

    /** Swaps {@code from} for {@code to} if it is still current; the winner publishes. */
    private void swap(Phase from, Phase to, String reason, WindowSnapshot evidence) {
        if (PHASE.compareAndSet(this, from, to)) {
            publisher.publish(from.kind, to.kind, reason, evidence);
        }
    }

    /** Replaces whatever phase is current (operator actions); returns the phase it replaced. */
    private Phase swapAlways(UnaryOperator<Phase> next) {
        while (true) {
            Phase current = phase;
            if (PHASE.compareAndSet(this, current, next.apply(current))) {
                return current;
            }
        }
    }

    private static String requireReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        return reason;
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + phase.kind + "]";
    }
}
