/**
 * The triage system's dependencies, as real servers on loopback with fault controls: the
 * {@link io.homeostat.demo.upstream.Upstream} HTTP services and the in-process
 * {@link io.homeostat.demo.upstream.SimulatedDatabase}. What the chaos schedule breaks and the
 * healer's actions repair.
 */
package io.homeostat.demo.upstream;
