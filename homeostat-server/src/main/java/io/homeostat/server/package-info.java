/**
 * The operator's side of the loop: one process that runs the engine (monitor, analyze) and the
 * knowledge store behind an HTTP API. {@link io.homeostat.server.HomeostatServer} wires them;
 * subpackages hold ingest, the read and control API, API tokens and the command line.
 */
package io.homeostat.server;
