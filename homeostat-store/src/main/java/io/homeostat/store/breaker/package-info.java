/**
 * KNOWLEDGE: circuit breaker states kept across restarts. {@link
 * io.homeostat.store.breaker.BreakerStatePersistence} saves every transition of a
 * {@link io.homeostat.core.GuardRegistry}'s breakers through a
 * {@link io.homeostat.engine.port.BreakerStateStore} (JDBC or any other) on a writer thread of its
 * own, and restores the saved states into the registry's breakers when it starts.
 */
package io.homeostat.store.breaker;
