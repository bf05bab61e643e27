/**
 * KNOWLEDGE and coordination ports: the interfaces the engine needs from the outside world
 * (stores, the leader {@link io.homeostat.engine.port.Lease}, ...). {@code homeostat-store}
 * implements them on JDBC and Redis; the engine's tests use in-memory implementations, and every
 * implementation passes the port's abstract contract suite shipped in the engine's test-jar.
 */
package io.homeostat.engine.port;
