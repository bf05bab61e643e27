/**
 * The lock-free implementation behind {@link io.homeostat.core.breaker.CircuitBreaker}: immutable
 * phase objects swapped by compare-and-set, and the count- and time-based sliding windows. Not an
 * API; only {@link io.homeostat.core.breaker.internal.LockFreeCircuitBreaker#create} is public,
 * for {@link io.homeostat.core.breaker.CircuitBreakerBuilder}.
 */
package io.homeostat.core.breaker.internal;
