/**
 * The server's composition root: the engine's whole control loop (detection, incidents,
 * diagnosis, recovery, learning, escalation, audit) over the knowledge store, with the guards,
 * degradation and feature toggles recovery acts on, the circuits it knows, wired together and
 * closed in order.
 */
package io.homeostat.server.runtime;
