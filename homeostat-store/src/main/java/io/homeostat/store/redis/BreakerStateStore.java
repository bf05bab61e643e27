package io.homeostat.store.redis;

import io.homeostat.core.breaker.BreakerState;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;

/**
 * Breaker states in Redis, one hash per breaker ({@code <prefix>:breaker:<name>}, fields
 * {@code version} and {@code state}), changed only by compare-and-set on the version in one Lua
 * script. Thread-safe; every method may throw Lettuce's {@code RedisException}.
 */
final class BreakerStateStore {

    /** What Redis holds for one breaker: version 0 and no state when it holds nothing. */
    record Versioned(long version, Optional<BreakerState> state) {}

    private static final LuaScript COMPARE_AND_SET = new LuaScript("""
            local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
            if version == tonumber(ARGV[1]) then
              version = version + 1
              redis.call('HSET', KEYS[1], 'version', version, 'state', ARGV[2])
              return {1, version, ARGV[2]}
            end
            return {0, version, redis.call('HGET', KEYS[1], 'state') or ''}
            """, ScriptOutputType.MULTI);

    private final RedisCommands<String, String> redis;
    private final RedisKeyspace keyspace;

    BreakerStateStore(RedisCommands<String, String> redis, RedisKeyspace keyspace) {
        this.redis = redis;
        this.keyspace = keyspace;
    }

    Versioned read(String name) {
        List<KeyValue<String, String>> fields = redis.hmget(key(name), "version", "state");
        String version = fields.get(0).getValueOrElse("0");
        String state = fields.get(1).getValueOrElse("");
        return new Versioned(Long.parseLong(version), parse(state));
    }

    /**
     * Stores {@code state} as the next version if Redis is still at {@code expectedVersion}.
     *
     * @return whether it was stored, and what Redis holds now (the new version, or the one that
     *     was there instead)
     */
    Outcome compareAndSet(String name, long expectedVersion, BreakerState state) {
        List<Object> reply = COMPARE_AND_SET.run(redis, new String[] {key(name)}, Long.toString(expectedVersion),
                BreakerStateJson.write(state));
        return new Outcome((Long) reply.get(0) == 1,
                new Versioned((Long) reply.get(1), parse((String) reply.get(2))));
    }

    record Outcome(boolean stored, Versioned now) {}

    private String key(String name) {
        return keyspace.key("breaker", name);
    }

    private static Optional<BreakerState> parse(String json) {
        return json.isEmpty() ? Optional.empty() : Optional.of(BreakerStateJson.read(json));
    }
}
