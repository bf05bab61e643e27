/**
 * The retry implementation behind {@link io.homeostat.core.retry.Retry}'s factories and its
 * striped, time-bucketed budget counters. Not API: use the factories.
 */
package io.homeostat.core.retry.internal;
