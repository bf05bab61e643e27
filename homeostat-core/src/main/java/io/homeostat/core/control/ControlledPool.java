package io.homeostat.core.control;

/**
 * A connection pool the kernel control may reset, registered under a name; e.g. for HikariCP,
 * {@code () -> { int n = mx.getIdleConnections(); mx.softEvictConnections(); return n; }} over its
 * {@code HikariPoolMXBean}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ControlledPool {

    /**
     * Retires every connection: idle ones close now, busy ones when they are returned; new ones are
     * opened on demand.
     *
     * @return how many connections were retired at once (idle), if the pool tells; else 0
     */
    int softEvict();
}
