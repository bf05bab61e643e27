/**
 * The face of the kernel: {@link io.homeostat.core.Guard}, the policy pipeline every call to a
 * dependency goes through — fallback(retry(circuit breaker(timeout(bulkhead(call))))) — and the
 * {@link io.homeostat.core.CallContext} that tells the safety policy what the caller is doing.
 * Each guarded call is the first link of the loop: it is recorded, and what goes wrong becomes a
 * signal.
 */
package io.homeostat.core;
