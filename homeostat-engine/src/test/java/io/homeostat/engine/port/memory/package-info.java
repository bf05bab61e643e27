/**
 * KNOWLEDGE, for tests only: in-memory implementations of the engine's ports. They pass the same
 * contract suites as the real stores; they are never the product's persistence.
 */
package io.homeostat.engine.port.memory;
