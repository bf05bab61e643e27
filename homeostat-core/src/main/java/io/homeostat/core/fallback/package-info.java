/**
 * Fallback tiers: what a guard serves when its primary call fails or its result fails the
 * integrity check. A {@link io.homeostat.core.fallback.Fallback} tries its tiers in order
 * (alternative provider, cached value within a maximum staleness, degraded mode, static response
 * is the recommended order), asks the {@link io.homeostat.core.safety.SafetyPolicy} before each,
 * checks each result's integrity, and returns a {@link io.homeostat.core.fallback.Served} result
 * that says which tier served and with what warnings, or throws a
 * {@link io.homeostat.core.fallback.FallbackFailedException} carrying guidance and the audit of
 * every tier. The outermost policy of the guard, the last line of the kernel's self-healing.
 */
package io.homeostat.core.fallback;
