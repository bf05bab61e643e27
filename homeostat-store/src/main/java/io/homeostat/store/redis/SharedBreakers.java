package io.homeostat.store.redis;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerBuilder;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Scheduler;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Circuit breakers of the same name in many application instances, sharing one state through
 * Redis: when one instance's breaker opens, the others' open too, and a recovery seen by one
 * closes them all.
 *
 * <p>Each instance keeps a local kernel breaker ({@link #register}) that guards calls with no
 * Redis round trip. Its transitions are pushed at once, off the caller's thread, as the breaker's
 * {@linkplain CircuitBreaker#exportState() exported state}, by compare-and-set on a version in a
 * Lua script: the first instance to change a given version wins, and an instance whose change
 * lost {@linkplain CircuitBreaker#importState imports} the winner's state instead. Every
 * {@code syncInterval} (default 1 s) each breaker is compared with Redis and a newer shared state
 * is imported.
 *
 * <p><b>When Redis is unreachable</b> the breakers keep working on local state: calls, trips and
 * recoveries go on as in a single JVM; failed syncs are counted ({@link #syncFailures()}) and
 * retried every period. When Redis returns, a local change made meanwhile is pushed if the shared
 * state did not move in between; if it did, the shared state wins and is imported
 * ({@link #conflicts()}). If Redis lost its data, the local states are written again.
 *
 * <p>Thread-safe. Syncs run one at a time, on one daemon thread or the thread calling
 * {@link #sync()}.
 */
public final class SharedBreakers implements AutoCloseable {

    private final BreakerStateStore store;
    private final Map<String, SharedBreaker> breakers = new ConcurrentHashMap<>();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ExecutorService syncThread;
    private final Cancellable periodic;
    private final AtomicBoolean syncRequested = new AtomicBoolean();
    private final AtomicLong syncFailures = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private volatile boolean reachable = true;

    SharedBreakers(StatefulRedisConnection<String, String> connection, RedisKeyspace keyspace, Scheduler scheduler,
            Duration syncInterval) {
        this.store = new BreakerStateStore(connection.sync(), keyspace);
        this.syncThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "homeostat-shared-breakers");
            thread.setDaemon(true);
            return thread;
        });
        this.periodic = scheduler.scheduleAtFixedRate(syncInterval, syncInterval, this::requestSync);
    }

    /** A builder over {@code connection} (best from a {@link RedisConnector} client), with the defaults. */
    public static SharedBreakersBuilder builder(StatefulRedisConnection<String, String> connection) {
        return new SharedBreakersBuilder(connection);
    }

    /**
     * Builds a breaker from {@code builder} (adding a transition listener of its own to it) and shares
     * its state: if Redis holds a state for its name, the breaker starts from it (when Redis is
     * unreachable now, it starts CLOSED and catches up on a later sync).
     *
     * @throws IllegalArgumentException if a breaker of that name is registered already
     */
    public CircuitBreaker register(CircuitBreakerBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        SharedBreaker[] holder = new SharedBreaker[1];
        CircuitBreaker breaker = builder.onTransition(transition -> {
            if (holder[0].onTransition(transition)) {
                requestSync(); // pushed off the caller's thread
            }
        }).build();
        holder[0] = new SharedBreaker(breaker);
        if (breakers.putIfAbsent(breaker.name(), holder[0]) != null) {
            throw new IllegalArgumentException("a breaker named '" + breaker.name() + "' is registered already");
        }
        syncLock.lock();
        try {
            syncOne(holder[0]);
        } finally {
            syncLock.unlock();
        }
        return breaker;
    }

    /**
     * Syncs every registered breaker with Redis now, on the calling thread. Never throws: a
     * breaker that cannot be synced is counted in {@link #syncFailures()} and tried again later.
     *
     * @return true if Redis answered for every breaker
     */
    public boolean sync() {
        syncLock.lock();
        try {
            boolean all = true;
            for (SharedBreaker breaker : breakers.values()) {
                all &= syncOne(breaker);
            }
            reachable = all;
            return all;
        } finally {
            syncLock.unlock();
        }
    }

    /** The version of the shared state the named breaker last agreed with; empty if unknown or not yet seen. */
    public Optional<Long> version(String name) {
        SharedBreaker breaker = breakers.get(name);
        return breaker == null || breaker.version() == SharedBreaker.UNSEEN ? Optional.empty()
                : Optional.of(breaker.version());
    }

    /** False after a sync that could not reach Redis, until one that could. */
    public boolean reachable() {
        return reachable;
    }

    /** Syncs (of one breaker) that failed: Redis could not be reached, or held something unreadable. */
    public long syncFailures() {
        return syncFailures.get();
    }

    /** Local changes that lost to a shared state changed first elsewhere, and were replaced by it. */
    public long conflicts() {
        return conflicts.get();
    }

    /** Stops the periodic sync and the sync thread; the breakers go on, unshared. Idempotent. */
    @Override
    public void close() {
        periodic.cancel();
        syncThread.shutdownNow();
    }

    private void requestSync() {
        if (syncRequested.compareAndSet(false, true) && !syncThread.isShutdown()) {
            try {
                syncThread.execute(() -> {
                    syncRequested.set(false);
                    sync();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                syncRequested.set(false); // closing
            }
        }
    }

    private boolean syncOne(SharedBreaker breaker) {
        try {
            if (breaker.sync(store)) {
                conflicts.incrementAndGet();
            }
            return true;
        } catch (RedisException e) {
            syncFailures.incrementAndGet();
            reachable = false;
            return false;
        } catch (IllegalArgumentException e) {
            syncFailures.incrementAndGet(); // Redis holds something that is not a breaker state
            return false;
        }
    }
}
