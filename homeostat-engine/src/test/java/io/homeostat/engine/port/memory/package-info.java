/** In-memory implementations of the engine's ports, for the engine's own tests only. */
package io.homeostat.engine.port.memory;
