/**
 * The server's control loop in one process: the in-process bus, the detector chain (monitor),
 * the incident tracker (analyze), alerting, the circuits it knows and the knowledge store,
 * wired together and closed in order.
 */
package io.homeostat.server.runtime;
