/**
 * Macro benchmark of the distributed MONITOR arrow: the Redis Streams signal bus's pipelined
 * publish (and consume) rate, beside {@code redis-benchmark}'s XADD on the same server in the same
 * run.
 */
package io.homeostat.bench.redis;
