/**
 * What {@code ./homeostat demo} runs. For now the kernel tour: a guarded dependency on loopback
 * failing and healing; the full triage scenario with the control loop and dashboard comes later.
 */
package io.homeostat.demo;
