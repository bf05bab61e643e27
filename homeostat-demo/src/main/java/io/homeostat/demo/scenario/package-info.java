/**
 * The chaos schedule: {@link io.homeostat.demo.scenario.Scenario} (read from YAML by
 * {@link io.homeostat.demo.scenario.ScenarioReader}, deterministic by seed) and the
 * {@link io.homeostat.demo.scenario.ChaosRunner} that injects its faults into the upstreams.
 */
package io.homeostat.demo.scenario;
