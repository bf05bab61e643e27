/**
 * Homeostat watching itself (the Monitor stage turned inward): its bus queue, consumer lag, store
 * spool, dropped signals and loop latency as metrics (published into the bus like any service's,
 * and served in the Prometheus text format with the guards' metrics at {@code /metrics}) and as
 * health checks that make {@code /health} report not ready when the loop is saturated.
 */
package io.homeostat.server.metrics;
