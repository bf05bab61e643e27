package io.homeostat.core.breaker.internal;

import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns phases into {@link BreakerState} and back, converting between this JVM's monotonic time
 * and wall time through the breaker's clock. Thread-safe (stateless apart from its settings).
 */
final class StateTransfer {

    /** Offsets beyond this (about 36 years) are saturated, so monotonic arithmetic never overflows. */
    private static final long MAX_OFFSET_NANOS = 1L << 60;

    private final String name;
    private final CircuitBreakerConfig config;
    private final Clock clock;

    StateTransfer(String name, CircuitBreakerConfig config, Clock clock) {
        this.name = name;
        this.config = config;
        this.clock = clock;
    }

    /** The evidence a phase holds at {@code nowNanos}. */
    static WindowSnapshot evidence(Phase phase, long nowNanos) {
        return switch (phase) {
            case Phase.Closed closed -> closed.snapshot(nowNanos);
            case Phase.HalfOpen halfOpen -> halfOpen.snapshot(0);
            case Phase.Open open -> open.cause;
            case Phase.ForcedOpen forced -> forced.cause;
            case Phase.Disabled disabled -> disabled.cause;
        };
    }

    BreakerState export(Phase phase) {
        long nowNanos = clock.monotonicNanos();
        Instant now = clock.instant();
        Instant openedAt = BreakerState.NO_TIME;
        Instant nextRetryAt = BreakerState.NO_TIME;
        if (phase instanceof Phase.Open open) {
            openedAt = now.minusNanos(nowNanos - open.openedAtNanos);
            nextRetryAt = now.plusNanos(open.retryAtNanos - nowNanos);
        }
        return new BreakerState(name, phase.kind, evidence(phase, nowNanos), phase.trips, openedAt, nextRetryAt,
                phase.reason);
    }

    /**
     * The phase a state stands for on this JVM.
     *
     * @throws IllegalArgumentException if the state belongs to another breaker
     */
    Phase toPhase(BreakerState state) {
        if (!state.name().equals(name)) {
            throw new IllegalArgumentException(
                    "cannot import the state of breaker '" + state.name() + "' into breaker '" + name + "'");
        }
        long nowNanos = clock.monotonicNanos();
        Instant now = clock.instant();
        String reason = state.lastTransitionReason();
        return switch (state.state()) {
            case CLOSED -> {
                Window window = Window.of(config);
                window.fill(nowNanos, state.window());
                Phase.Closed closed = new Phase.Closed(window, reason, nowNanos);
                closed.consecutiveFailures.set(state.window().consecutiveFailures());
                yield closed;
            }
            case OPEN -> new Phase.Open(Math.max(1, state.consecutiveTrips()),
                    nowNanos + offsetNanos(now, state.openedAt()),
                    nowNanos + offsetNanos(now, state.nextRetryAt()), state.window(), reason);
            case HALF_OPEN -> new Phase.HalfOpen(state.consecutiveTrips(), config.successThreshold(), reason, nowNanos);
            case FORCED_OPEN -> new Phase.ForcedOpen(state.consecutiveTrips(), state.window(), reason, nowNanos);
            case DISABLED -> new Phase.Disabled(state.consecutiveTrips(), state.window(), reason, nowNanos);
        };
    }

    private static long offsetNanos(Instant from, Instant to) {
        Duration offset = Duration.between(from, to);
        if (offset.compareTo(Duration.ofNanos(MAX_OFFSET_NANOS)) > 0) {
            return MAX_OFFSET_NANOS;
        }
        if (offset.compareTo(Duration.ofNanos(-MAX_OFFSET_NANOS)) < 0) {
            return -MAX_OFFSET_NANOS;
        }
        return offset.toNanos();
    }
}
