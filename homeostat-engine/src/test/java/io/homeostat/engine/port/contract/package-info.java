/**
 * Contract suites of the engine's ports (KNOWLEDGE): abstract tests every implementation runs,
 * the in-memory ones here and the JDBC/Redis ones in {@code homeostat-store} via the test-jar.
 */
package io.homeostat.engine.port.contract;
