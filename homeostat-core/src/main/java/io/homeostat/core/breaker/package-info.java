/**
 * The circuit breaker: the guard policy that stops calls to a failing dependency and probes it
 * with a few trial calls after a wait. Part of the kernel's EXECUTE-side protection on every
 * guarded call; its {@link io.homeostat.core.signal.CircuitTransition} signals feed MONITOR, and
 * its exportable {@link io.homeostat.core.breaker.BreakerState} is KNOWLEDGE that can be
 * persisted and shared. The implementation lives in {@code internal}.
 */
package io.homeostat.core.breaker;
