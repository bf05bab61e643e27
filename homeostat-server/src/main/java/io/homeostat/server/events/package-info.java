/**
 * Knowledge made visible as it happens: the live stream (Server-Sent Events) of incident
 * changes, alert events and circuit breaker transitions.
 */
package io.homeostat.server.events;
