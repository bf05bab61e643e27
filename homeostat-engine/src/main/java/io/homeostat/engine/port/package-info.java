/**
 * KNOWLEDGE: the ports through which the loop keeps what it knows — incidents and their
 * timelines, recognised failure patterns. The engine declares these interfaces;
 * {@code homeostat-store} implements them (H2, PostgreSQL), and every implementation passes the
 * contract suites in the engine's test-jar ({@code io.homeostat.engine.port.contract}).
 */
package io.homeostat.engine.port;
