package io.homeostat.core.degrade;

import io.homeostat.core.Listeners;
import io.homeostat.core.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The service's current {@link DegradationLevel}, set by the healer (or a person) and read by
 * the application wherever it decides what to offer. Starts at {@link DegradationLevel#FULL}
 * unless told otherwise.
 *
 * <p>Thread-safe. {@link #level()} is one volatile read. Changes are serialised and each
 * listener sees them in the order they happened, on the thread that made the change, before
 * {@link #set} returns; a listener that throws is counted in {@link #listenerFailures()}.
 * Listeners must not wait for another thread that changes the level.
 */
public final class Degradation {

    /** Shared with {@link FeatureToggles} so level changes and overrides are one sequence. */
    final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final Listeners<DegradationChange> listeners = new Listeners<>();
    private volatile DegradationLevel level;
    private volatile DegradationChange lastChange;

    private Degradation(Clock clock, DegradationLevel initial) {
        this.clock = clock;
        this.level = initial;
    }

    /** Starts at {@link DegradationLevel#FULL}; change times come from {@code clock}. */
    public static Degradation create(Clock clock) {
        return create(clock, DegradationLevel.FULL);
    }

    /** Starts at {@code initial}. */
    public static Degradation create(Clock clock, DegradationLevel initial) {
        return new Degradation(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(initial, "initial"));
    }

    /** The current level. */
    public DegradationLevel level() {
        return level;
    }

    /** The change that led to the current level; empty while still at the initial level. */
    public Optional<DegradationChange> lastChange() {
        return Optional.ofNullable(lastChange);
    }

    /**
     * Moves to {@code to} and tells the listeners; nothing happens if already there.
     *
     * @param reason why, for the change's audit trail; not blank
     * @return true if the level changed
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public boolean set(DegradationLevel to, String reason) {
        Objects.requireNonNull(to, "to");
        requireReason(reason);
        lock.lock();
        try {
            DegradationLevel from = level;
            if (from == to) {
                return false;
            }
            DegradationChange change = new DegradationChange(from, to, reason, clock.instant());
            level = to;
            lastChange = change;
            listeners.fire(change);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns {@code reason} if it says something: the reason of a change made by hand is its audit
     * trail, here as for a circuit breaker's {@code forceOpen}, {@code disable} and {@code reset}.
     *
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalArgumentException if it is blank
     */
    static String requireReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        return reason;
    }

    /** Calls {@code listener} on every later change; the handle ends the subscription. */
    public AutoCloseable subscribe(Consumer<? super DegradationChange> listener) {
        return listeners.add(listener);
    }

    /** Times a listener threw. */
    public long listenerFailures() {
        return listeners.failures();
    }
}
