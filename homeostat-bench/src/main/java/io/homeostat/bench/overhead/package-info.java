/**
 * The kernel's CPU overhead at the demo's traffic: the demo's triage application and upstreams,
 * run with its calls through the guards and without them, either in alternating rounds in one JVM
 * ({@link io.homeostat.bench.overhead.KernelOverhead}) or in two JVMs side by side, one mode each,
 * over the same wall-clock windows ({@link io.homeostat.bench.overhead.KernelOverheadPair}).
 */
package io.homeostat.bench.overhead;
