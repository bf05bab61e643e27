package io.homeostat.store.redis;

import io.homeostat.core.time.Scheduler;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Objects;

/** Builds {@link SharedBreakers}; from {@link SharedBreakers#builder}. Not thread-safe. */
public final class SharedBreakersBuilder {

    private final StatefulRedisConnection<String, String> connection;
    private RedisKeyspace keyspace = RedisKeyspace.defaults();
    private Scheduler scheduler = Scheduler.system();
    private Duration syncInterval = Duration.ofSeconds(1);

    SharedBreakersBuilder(StatefulRedisConnection<String, String> connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** The key prefix; a breaker's state lives at {@code <prefix>:breaker:<name>}. Default {@link RedisKeyspace#defaults()}. */
    public SharedBreakersBuilder keyspace(RedisKeyspace keyspace) {
        this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
        return this;
    }

    /** Runs the periodic sync. Default {@link Scheduler#system()}. */
    public SharedBreakersBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * How often every breaker is compared with Redis (and a local change made while Redis was
     * away is pushed). Default 1 s. Local transitions are pushed at once, not on this period.
     *
     * @throws IllegalArgumentException if not positive
     */
    public SharedBreakersBuilder syncInterval(Duration syncInterval) {
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (syncInterval.isZero() || syncInterval.isNegative()) {
            throw new IllegalArgumentException("syncInterval must be positive, was " + syncInterval);
        }
        this.syncInterval = syncInterval;
        return this;
    }

    /** Shared breakers, syncing every {@code syncInterval} from now until closed. */
    public SharedBreakers build() {
        return new SharedBreakers(connection, keyspace, scheduler, syncInterval);
    }
}
