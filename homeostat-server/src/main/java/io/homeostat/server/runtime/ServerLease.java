package io.homeostat.server.runtime;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.DedicatedScheduler;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.execute.Fencing;
import io.homeostat.engine.execute.LeaseFencing;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.LeaseGrant;
import io.homeostat.engine.port.LeaseUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a server the only one acting on its PostgreSQL database, through the leader lease
 * {@value #NAME}: taken when the loop starts, renewed every third of {@link #TTL}, released on
 * close. A server that finds it held by another does not start ({@link AnotherServerActiveException}).
 * One that loses it (its database did not answer for longer than the ttl, and another server
 * started meanwhile) acts no more: the recovery orchestrator's {@link #fencing()} refuses every
 * action while this server's token is not the newest, and {@link #onLost} is told (the server
 * stops). A holding that lapsed while nobody else took the lease is taken again, with a new token.
 * On H2, {@link #none()}: the database file's lock already admits one server. Thread-safe.
 */
final class ServerLease implements AutoCloseable {

    static final String NAME = ControlLoop.SERVER_LEASE;
    static final Duration TTL = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(ServerLease.class);
    /** The lease table's {@code holder} column holds this many characters. */
    private static final int MAX_HOLDER = 200;

    private final Lease lease;
    private final String holder;
    private final AtomicReference<LeaseGrant> held;
    private final Fencing fencing;
    private final DedicatedScheduler thread;
    private final Cancellable renewing;
    /** Told who took the lease, when another server did. */
    private volatile Consumer<String> lost = holder -> { };

    private ServerLease(Lease lease, String holder, LeaseGrant grant, Scheduler scheduler) {
        this.lease = lease;
        this.holder = holder;
        this.held = new AtomicReference<>(grant);
        this.fencing = new LeaseFencing(lease, () -> Optional.ofNullable(held.get()));
        // The lease's statements wait for the database: on a thread of their own, as the loop's tick.
        this.thread = scheduler.dedicated("homeostat-lease");
        Duration period = lease.ttl().dividedBy(3);
        this.renewing = thread.scheduleAtFixedRate(period, period, this::renew);
    }

    /** No lease: the embedded database, one server by construction; every action allowed. */
    static ServerLease none() {
        return new ServerLease();
    }

    private ServerLease() {
        this.lease = null;
        this.holder = "";
        this.held = new AtomicReference<>();
        this.fencing = Fencing.NONE;
        this.thread = null;
        this.renewing = null;
    }

    /**
     * Takes {@code lease} for {@code holder} (who this server is: it gets its own holding back
     * after a crash) and keeps renewing it on {@code scheduler}'s time.
     *
     * @throws AnotherServerActiveException if another server holds it
     * @throws LeaseUnavailableException if the database cannot be reached
     */
    static ServerLease take(Lease lease, String holder, Scheduler scheduler) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(scheduler, "scheduler");
        String name = holder(holder);
        LeaseGrant grant = lease.tryAcquire(name).orElseThrow(() -> new AnotherServerActiveException(
                lease.current().orElse(null), lease.ttl()));
        LOG.info("this server acts on its database (lease '{}', token {}, holder {})", lease.name(), grant.token(), name);
        return new ServerLease(lease, name, grant, scheduler);
    }

    /**
     * Who a server is, as the lease names its holder: its {@link InstanceName}, from its data
     * directory (the parent of {@code spool}), so that a server started again after a crash gets its
     * own holding back.
     */
    static String holderFor(Path spool) {
        Path absolute = spool.toAbsolutePath().normalize();
        return InstanceName.of(absolute.getParent() == null ? absolute : absolute.getParent());
    }

    /** {@code holder} as the lease table holds it: its last {@value #MAX_HOLDER} characters. */
    static String holder(String holder) {
        Lease.requireName(holder, "holder");
        return holder.length() <= MAX_HOLDER ? holder : holder.substring(holder.length() - MAX_HOLDER);
    }

    /** What the recovery orchestrator checks right before each action. */
    Fencing fencing() {
        return fencing;
    }

    /**
     * Runs {@code listener} with the other server's name when one took the lease from this one (on
     * the lease's thread; at most once per loss).
     */
    void onLost(Consumer<String> listener) {
        this.lost = Objects.requireNonNull(listener, "listener");
    }

    /** Whether this server holds the lease now, as it last learned (always true without a lease). */
    boolean leads() {
        return lease == null || held.get() != null;
    }

    /**
     * Renews the holding, or takes the lease again once it lapsed and nobody else took it. A
     * database that does not answer changes nothing here: the fencing asks the database before
     * each action, and refuses it while there is no answer.
     */
    void renew() {
        LeaseGrant before = held.get();
        Optional<LeaseGrant> after;
        try {
            after = before == null ? lease.tryAcquire(holder) : lease.renew(before).or(() -> lease.tryAcquire(holder));
        } catch (LeaseUnavailableException e) {
            LOG.debug("the lease '{}' could not be renewed now", lease.name(), e);
            return;
        }
        held.set(after.orElse(null));
        if (after.isEmpty() && before != null) {
            String other = safely(lease::current).map(LeaseGrant::holder).orElse("holder unknown");
            LOG.error("this server no longer acts on its database: another server holds the lease '{}' ({}); recovery"
                    + " actions are refused", lease.name(), other);
            lost.accept(other);
        } else if (after.isPresent() && (before == null || before.token() != after.get().token())) {
            LOG.warn("this server acts on its database again (lease '{}', token {})", lease.name(), after.get().token());
        }
    }

    /** Stops renewing and gives the lease up, so that another server may start at once. Idempotent. */
    @Override
    public void close() {
        if (lease == null) {
            return;
        }
        renewing.cancel();
        thread.close();
        LeaseGrant grant = held.getAndSet(null);
        if (grant != null) {
            try {
                lease.release(grant);
            } catch (LeaseUnavailableException e) {
                LOG.warn("the lease '{}' could not be released; another server can start once it lapses (within {})",
                        lease.name(), lease.ttl(), e);
            }
        }
    }

    private static <T> Optional<T> safely(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (LeaseUnavailableException e) {
            return Optional.empty();
        }
    }
}
