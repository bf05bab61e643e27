/**
 * Health checks, the Monitor stage's direct probes of the service: {@link
 * io.homeostat.core.health.HealthCheck} (one probe), {@link io.homeostat.core.health.HealthRegistry}
 * (runs named checks concurrently under timeouts, applies a consecutive-failure threshold),
 * {@link io.homeostat.core.health.CompositeCheck} (a group judged by how many members fail) and
 * {@link io.homeostat.core.health.HealthMonitor}, which turns periodic runs into
 * {@link io.homeostat.core.signal.HealthReport} signals for the rest of the loop. Built-in checks
 * live in {@code io.homeostat.core.health.checks}.
 */
package io.homeostat.core.health;
