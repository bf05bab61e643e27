/**
 * The safety policy of the kernel: rules, as data, over the caller's
 * {@link io.homeostat.core.CallContext} (operation type, criticality) that decide which fallback
 * tiers may serve a call and which results need an integrity check. Defaults: prescriptive calls
 * never get cached data, life-critical calls get no fallback and fail with guidance, diagnostic
 * results must pass an integrity check. Every decision is counted per rule and observable; a
 * denied tier is never invoked. The same idea guards the healer's own actions higher in the loop.
 */
package io.homeostat.core.safety;
