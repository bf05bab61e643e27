/**
 * Plan, the third stage of the loop: recovery recipes as data ({@link io.homeostat.engine.plan.Workflow}
 * with its trigger, service selector, ordered {@link io.homeostat.engine.plan.WorkflowStep}s, rollback
 * steps, timeout and priority), read from YAML with errors that name file, line and key
 * ({@link io.homeostat.engine.plan.WorkflowReader}), the shipped defaults
 * ({@link io.homeostat.engine.plan.DefaultWorkflows}) and the choice of one workflow for an incident
 * ({@link io.homeostat.engine.plan.WorkflowCatalog}); and the policy of automatic degradation, levels
 * with hysteresis thresholds and a hold ({@link io.homeostat.engine.plan.DegradationPolicy}, read by
 * {@link io.homeostat.engine.plan.DegradationPolicyReader}).
 */
package io.homeostat.engine.plan;
