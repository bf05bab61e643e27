package io.homeostat.server.auth;

import io.homeostat.core.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits failed sign-ins per remote address: after {@code maxFailures} failures within
 * {@code window}, every attempt from that address is refused until the oldest of them is older
 * than {@code window}. A successful sign-in does not forget the address's failures: they count
 * until they are {@code window} old, as if it had not happened. Otherwise one valid token (a
 * viewer's, say) would reset the count after every {@code maxFailures - 1} guesses, and guessing
 * other tokens would go on without limit; a person who mistyped a few times and then got in only
 * has fewer tries left for the rest of the window. Time comes from the injected {@link Clock} (monotonic). At most 10,000 addresses are tracked; beyond that the ones with no
 * failure in the window are forgotten first, then the address with the oldest failure.
 *
 * <p>Thread-safe (synchronized: sign-ins are rare).
 */
public final class LoginLimiter {

    /** Failures allowed per address within {@link #DEFAULT_WINDOW}: 5. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    /** The window failures are counted in: one minute. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    private static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final long windowNanos;
    private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

    /**
     * A limiter allowing {@code maxFailures} failed sign-ins per address within {@code window}.
     *
     * @throws IllegalArgumentException if {@code maxFailures} is not positive or {@code window} is not positive
     */
    public LoginLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, was " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
    }

    /** 5 failures a minute. */
    public static LoginLimiter defaults(Clock clock) {
        return new LoginLimiter(clock, DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);
    }

    /** How long {@code address} must wait before it may try again; empty if it may try now. */
    public synchronized Optional<Duration> retryAfter(String address) {
        ArrayDeque<Long> recent = recent(Objects.requireNonNull(address, "address"), clock.monotonicNanos());
        if (recent == null || recent.size() < maxFailures) {
            return Optional.empty();
        }
        // The deque holds at most maxFailures entries: its first is the one whose expiry lifts the limit.
        return Optional.of(Duration.ofNanos(Math.max(1, recent.peekFirst() + windowNanos - clock.monotonicNanos())));
    }

    /** Counts a failed sign-in from {@code address}. */
    public synchronized void failed(String address) {
        Objects.requireNonNull(address, "address");
        long now = clock.monotonicNanos();
        if (!failures.containsKey(address) && failures.size() >= MAX_ADDRESSES) {
            makeRoom(now);
        }
        ArrayDeque<Long> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        recent.addLast(now);
        while (recent.size() > maxFailures) {
            recent.removeFirst();
        }
    }

    private ArrayDeque<Long> recent(String address, long now) {
        ArrayDeque<Long> recent = failures.get(address);
        if (recent == null) {
            return null;
        }
        while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
            recent.removeFirst();
        }
        if (recent.isEmpty()) {
            failures.remove(address);
            return null;
        }
        return recent;
    }

    private void makeRoom(long now) {
        failures.values().removeIf(recent -> now - recent.peekLast() >= windowNanos);
        if (failures.size() >= MAX_ADDRESSES) {
            failures.entrySet().stream().min((a, b) -> Long.compare(a.getValue().peekLast(), b.getValue().peekLast()))
                    .map(Map.Entry::getKey).ifPresent(failures::remove);
        }
    }
}
