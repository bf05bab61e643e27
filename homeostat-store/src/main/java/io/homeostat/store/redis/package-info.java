/**
 * The distributed mode on Redis (Lettuce): the MONITOR arrow between JVMs
 * ({@link io.homeostat.store.redis.RedisStreamSignalBus}, Redis Streams with one consumer group
 * for the control-plane replicas), shared KNOWLEDGE of breaker state
 * ({@link io.homeostat.store.redis.SharedBreakers}, compare-and-set in Lua with a local fallback),
 * and the EXECUTE stage's single leader ({@link io.homeostat.store.redis.RedisLease}, a lease with
 * a fencing token). Every key lives under one {@link io.homeostat.store.redis.RedisKeyspace}.
 */
package io.homeostat.store.redis;
