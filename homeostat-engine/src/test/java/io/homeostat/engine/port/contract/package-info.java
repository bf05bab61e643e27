/**
 * KNOWLEDGE: the contract suites every implementation of a port must pass. Each is an abstract
 * JUnit class with an abstract factory method; the engine runs them on its in-memory
 * implementations and {@code homeostat-store} runs them on H2 and PostgreSQL through the
 * engine's test-jar.
 */
package io.homeostat.engine.port.contract;
