/**
 * Escalation as data (the outward edge of PLAN and EXECUTE: when automation hands over to
 * people): {@link io.homeostat.engine.alert.escalate.EscalationPolicy} maps each
 * {@link io.homeostat.engine.port.EscalationTrigger} to an on-call level and an acknowledgement
 * timeout; {@link io.homeostat.engine.alert.escalate.OnCallRotation} says who is on call at each
 * level now, on the injected clock.
 */
package io.homeostat.engine.alert.escalate;
