/**
 * The built-in recovery actions (Execute): re-probe, open and reset a circuit, failover, clear and
 * warm a cache, set the degradation level, override a feature toggle, trigger GC, soft-evict a
 * connection pool, restart a managed component gracefully, scale a registered capacity within its
 * bounds, a webhook signed with HMAC-SHA256, an allow-listed command (an argv list, never a shell
 * string) and an alert. The actions on in-process guards go through the kernel's
 * {@link io.homeostat.core.control.KernelControl}.
 * {@link io.homeostat.engine.execute.action.StandardActions} builds the catalog.
 */
package io.homeostat.engine.execute.action;
