/**
 * Abstract contract suites, one per port: every implementation (in-memory here; H2, PostgreSQL
 * and Redis in homeostat-store, through the engine's test-jar) extends the suite and passes it.
 */
package io.homeostat.engine.port.contract;
