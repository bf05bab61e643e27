/**
 * The chaos suite (issue 8): the scenarios from our specs as tests over the real parts — core
 * guards with tiered fallbacks and call contexts, the engine's whole {@code ControlLoop} with its
 * shipped rules, workflows and actions, the JDBC store on H2 and PostgreSQL, Redis — each bounded
 * in time (simulated on a {@code ManualClock} where the loop allows, a few seconds of real time
 * otherwise), deterministic by seed, and asserting outcomes.
 *
 * <p>{@link io.homeostat.demo.chaos.ChaosRig} wires one system under chaos;
 * {@link io.homeostat.demo.chaos.Upstream} is a dependency with seeded faults;
 * {@link io.homeostat.demo.chaos.Triage} is the application calling it and tallying what users
 * saw; {@link io.homeostat.demo.chaos.ChaosDatabase} is a database a test can take away without
 * touching anyone else's. Every test makes its own schema, role, key prefix and port and removes
 * them.
 */
package io.homeostat.demo.chaos;
