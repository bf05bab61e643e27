/**
 * KNOWLEDGE and the loop's outward edge: the ports through which the loop keeps what it knows —
 * incidents and their timelines, their diagnoses, recognised failure patterns, alert history, the
 * silences in force and the alerts not resolved, workflow runs and the recovery actions read from
 * them — and hands problems to people ({@link io.homeostat.engine.port.Escalation}, implemented
 * by the alerting package). The engine declares these interfaces; {@code homeostat-store}
 * implements the stores (H2, PostgreSQL), and every implementation passes the contract suites in
 * the engine's test-jar ({@code io.homeostat.engine.port.contract}).
 */
package io.homeostat.engine.port;
