/**
 * The kernel's CPU overhead at the demo's traffic: the demo's triage application and upstreams,
 * run with its calls through the guards and without them, in alternating rounds
 * ({@link io.homeostat.bench.overhead.KernelOverhead}).
 */
package io.homeostat.bench.overhead;
