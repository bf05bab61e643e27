package io.homeostat.store.redis;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.LeaseGrant;
import io.homeostat.engine.port.LeaseUnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link Lease} in Redis. The holding is one key, {@code <prefix>:lease:<name>}, whose value is
 * {@code "<token> <holder>"}, set with NX and PX (the time to live is Redis's, so replicas' clocks
 * need not agree); the token comes from {@code INCR} on {@code <prefix>:lease:<name>:token}, a
 * counter that never goes back, so every new holding's token is larger than all before it. Each
 * operation is one Lua script, atomic on the server: acquire (NX, or PEXPIRE for the holder
 * itself), renew and release only when the value is still the caller's token and holder.
 *
 * <p>{@link LeaseGrant#expiresAt()} is the injected clock's time before the command was sent,
 * plus the ttl: never later than the server lets the holding end.
 *
 * <p>Thread-safe (Lettuce connections are). Redis errors and timeouts surface as
 * {@link LeaseUnavailableException}.
 */
public final class RedisLease implements Lease {

    private static final LuaScript ACQUIRE = new LuaScript("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local space = string.find(current, ' ', 1, true)
              if string.sub(current, space + 1) == ARGV[1] then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return tonumber(string.sub(current, 1, space - 1))
              end
              return 0
            end
            local token = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], token .. ' ' .. ARGV[1], 'NX', 'PX', ARGV[2])
            return token
            """, ScriptOutputType.INTEGER);

    private static final LuaScript RENEW = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """, ScriptOutputType.INTEGER);

    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, ScriptOutputType.INTEGER);

    private static final LuaScript CURRENT = new LuaScript("""
            local current = redis.call('GET', KEYS[1])
            if not current then return {} end
            return {current, redis.call('PTTL', KEYS[1])}
            """, ScriptOutputType.MULTI);

    private final RedisCommands<String, String> redis;
    private final String name;
    private final Duration ttl;
    private final Clock clock;
    private final String[] keys;

    private RedisLease(RedisCommands<String, String> redis, RedisKeyspace keyspace, String name, Duration ttl,
            Clock clock) {
        this.redis = redis;
        this.name = name;
        this.ttl = ttl;
        this.clock = clock;
        this.keys = new String[] {keyspace.key("lease", name), keyspace.key("lease", name, "token")};
    }

    /**
     * A lease named {@code name} over {@code connection} (best made by {@link RedisConnector}).
     *
     * @param ttl how long a holding lasts unless renewed; whole milliseconds, at least 1 ms
     * @throws IllegalArgumentException if {@code name} is blank or holds a space, or {@code ttl}
     *     is shorter than 1 ms
     */
    public static RedisLease create(StatefulRedisConnection<String, String> connection, RedisKeyspace keyspace,
            String name, Duration ttl, Clock clock) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(keyspace, "keyspace");
        Lease.requireName(name, "name");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(clock, "clock");
        if (name.contains(" ")) {
            throw new IllegalArgumentException("name must not hold a space, was '" + name + "'");
        }
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
        return new RedisLease(connection.sync(), keyspace, name, ttl, clock);
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
    public Optional<LeaseGrant> tryAcquire(String holder) {
        Lease.requireName(holder, "holder");
        Instant sent = clock.instant();
        long token = call(() -> ACQUIRE.<Long>run(redis, keys, holder, ttlMillis()));
        return token > 0 ? Optional.of(new LeaseGrant(name, holder, token, sent.plus(ttl))) : Optional.empty();
    }

    @Override
    public Optional<LeaseGrant> renew(LeaseGrant grant) {
        requireOwn(grant);
        Instant sent = clock.instant();
        long renewed = call(() -> RENEW.<Long>run(redis, keys, value(grant), ttlMillis()));
        return renewed == 1 ? Optional.of(new LeaseGrant(name, grant.holder(), grant.token(), sent.plus(ttl)))
                : Optional.empty();
    }

    @Override
    public boolean release(LeaseGrant grant) {
        requireOwn(grant);
        return call(() -> RELEASE.<Long>run(redis, keys, value(grant))) == 1;
    }

    @Override
    public boolean validate(long token) {
        String current = call(() -> redis.get(keys[0]));
        return current != null && tokenOf(current) == token;
    }

    @Override
    public Optional<LeaseGrant> current() {
        Instant sent = clock.instant();
        List<Object> reply = call(() -> CURRENT.<List<Object>>run(redis, keys));
        if (reply == null || reply.size() < 2) {
            return Optional.empty();
        }
        String value = (String) reply.get(0);
        long remainingMillis = (Long) reply.get(1);
        int space = value.indexOf(' ');
        return Optional.of(new LeaseGrant(name, value.substring(space + 1), tokenOf(value),
                sent.plusMillis(Math.max(0, remainingMillis))));
    }

    private String ttlMillis() {
        return Long.toString(ttl.toMillis());
    }

    private static String value(LeaseGrant grant) {
        return grant.token() + " " + grant.holder();
    }

    private static long tokenOf(String value) {
        return Long.parseLong(value, 0, value.indexOf(' '), 10);
    }

    private void requireOwn(LeaseGrant grant) {
        if (!grant.lease().equals(name)) {
            throw new IllegalArgumentException("grant of lease '" + grant.lease() + "' given to lease '" + name + "'");
        }
    }

    private <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisException e) {
            throw new LeaseUnavailableException("Redis did not answer for lease '" + name + "': " + e.getMessage(), e);
        }
    }
}
