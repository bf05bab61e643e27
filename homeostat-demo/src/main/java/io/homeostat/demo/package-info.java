/**
 * What {@code ./homeostat demo} runs: {@link io.homeostat.demo.DemoRun} starts the embedded
 * server, a clinical triage system on loopback upstreams ({@code triage}, {@code upstream}), the
 * healer (the engine's loop over the server's bus and store), steady traffic and a chaos schedule
 * ({@code scenario}), and ends with a report ({@code report}). {@code --tour} runs the
 * {@link io.homeostat.demo.KernelTour}: one guarded provider failing and healing, no server.
 */
package io.homeostat.demo;
