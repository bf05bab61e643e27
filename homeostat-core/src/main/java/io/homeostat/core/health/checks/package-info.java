/**
 * Built-in health checks for what nearly every service watches: heap, process CPU, deadlocked
 * threads, disk space, a JDBC ping, TCP and HTTP endpoints. Each is a
 * {@link io.homeostat.core.health.HealthCheck} made by a static factory; the ones that judge a
 * reading against thresholds also take the reading as a supplier, so the judgement can be
 * tested (and reused) without the machine being in that state.
 */
package io.homeostat.core.health.checks;
