/**
 * In-memory implementations of the engine's ports, for the engine's own tests and as the
 * reference each contract suite is first run against. Not the product's persistence.
 */
package io.homeostat.engine.port.memory;
