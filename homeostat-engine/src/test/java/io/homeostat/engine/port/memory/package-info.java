/** In-memory implementations of the engine's ports, for tests only; never the product's persistence. */
package io.homeostat.engine.port.memory;
