/**
 * The whole MAPE-K loop composed: {@link io.homeostat.engine.loop.ControlLoop} wires the signal bus,
 * the detectors (MONITOR), the incident tracker and the diagnosis stage (ANALYZE), the recovery
 * orchestrator with learned workflow order (PLAN, EXECUTE), the escalation rules and the audit
 * trail (KNOWLEDGE) over the ports it is given. Adapters that connect the stages live here too:
 * {@link io.homeostat.engine.loop.AuditTrail} (recovery and threshold decisions onto the
 * {@link io.homeostat.engine.port.AuditLog}), {@link io.homeostat.engine.loop.OutcomeRecorder}
 * (verified steps and runs into the {@link io.homeostat.engine.learn.EffectivenessLearner}),
 * {@link io.homeostat.engine.loop.LearnedWorkflowOrder} and
 * {@link io.homeostat.engine.loop.EscalationRules}.
 */
package io.homeostat.engine.loop;
