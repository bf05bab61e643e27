/**
 * One abstract test suite per port: every implementation (in-memory here; H2, PostgreSQL and
 * Redis in homeostat-store, through this module's test-jar) extends it and must pass it.
 */
package io.homeostat.engine.port.contract;
