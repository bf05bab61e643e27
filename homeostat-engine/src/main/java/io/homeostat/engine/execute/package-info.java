/**
 * Execute, the fourth stage of the loop: the {@link io.homeostat.engine.execute.Action} SPI and its
 * {@link io.homeostat.engine.execute.ActionCatalog}, the safety gate that decides whether a step may
 * act ({@link io.homeostat.engine.execute.SafetyGate}: automation mode, flags, risk and approvals,
 * limits, cooldowns, blast radius, flapping, the call-context safety policy) and the durable
 * {@link io.homeostat.engine.execute.RecoveryOrchestrator} that runs workflows step by step through
 * the {@link io.homeostat.engine.port.WorkflowStore}, verifies each step against fresh signals and
 * rolls back or escalates when it does not help; {@link io.homeostat.engine.execute.AutoDegradation}
 * sets the degradation level from a {@link io.homeostat.engine.execute.HealthScore} with hysteresis,
 * through the same action. Every decision goes to the
 * {@link io.homeostat.engine.execute.RecoveryAudit} with its reason.
 */
package io.homeostat.engine.execute;
