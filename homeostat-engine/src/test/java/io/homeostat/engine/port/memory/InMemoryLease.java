package io.homeostat.engine.port.memory;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.LeaseGrant;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Lease} in this JVM's memory, on the injected clock's monotonic time: for the engine's
 * tests, never the product's coordination. Replicas share one instance and name themselves as
 * holders. Thread-safe (every method holds the instance's lock; nothing here is a hot path).
 */
public final class InMemoryLease implements Lease {

    private final String name;
    private final Duration ttl;
    private final Clock clock;
    private String holder;
    private long token;
    private long expiresAtNanos;
    private long lastToken;

    public InMemoryLease(String name, Duration ttl, Clock clock) {
        this.name = Lease.requireName(name, "name");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public synchronized Optional<LeaseGrant> tryAcquire(String holder) {
        Lease.requireName(holder, "holder");
        long now = clock.monotonicNanos();
        if (held(now) && !this.holder.equals(holder)) {
            return Optional.empty();
        }
        if (!held(now)) {
            this.holder = holder;
            this.token = ++lastToken;
        }
        return Optional.of(extend(now));
    }

    @Override
    public synchronized Optional<LeaseGrant> renew(LeaseGrant grant) {
        requireOwn(grant);
        long now = clock.monotonicNanos();
        return isCurrent(grant, now) ? Optional.of(extend(now)) : Optional.empty();
    }

    @Override
    public synchronized boolean release(LeaseGrant grant) {
        requireOwn(grant);
        if (!isCurrent(grant, clock.monotonicNanos())) {
            return false;
        }
        holder = null;
        return true;
    }

    @Override
    public synchronized boolean validate(long token) {
        return held(clock.monotonicNanos()) && this.token == token;
    }

    @Override
    public synchronized Optional<LeaseGrant> current() {
        long now = clock.monotonicNanos();
        return held(now) ? Optional.of(grant(now)) : Optional.empty();
    }

    private boolean held(long now) {
        return holder != null && now - expiresAtNanos < 0;
    }

    private boolean isCurrent(LeaseGrant grant, long now) {
        return held(now) && holder.equals(grant.holder()) && token == grant.token();
    }

    private LeaseGrant extend(long now) {
        expiresAtNanos = now + ttl.toNanos();
        return grant(now);
    }

    private LeaseGrant grant(long now) {
        return new LeaseGrant(name, holder, token, clock.instant().plusNanos(expiresAtNanos - now));
    }

    private void requireOwn(LeaseGrant grant) {
        if (!grant.lease().equals(name)) {
            throw new IllegalArgumentException("grant of lease '" + grant.lease() + "' given to lease '" + name + "'");
        }
    }
}
