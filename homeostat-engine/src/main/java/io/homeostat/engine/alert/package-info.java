/**
 * What reaches people (the loop's outward edge, after ANALYZE and EXECUTE): alerts with labels,
 * deduplicated, grouped, silenced, inhibited by the critical problem upstream that explains them,
 * held while they flap, routed to receivers, escalated along on-call levels until somebody
 * acknowledges, and kept as history in the {@link io.homeostat.engine.port.AlertStore}.
 * {@link io.homeostat.engine.alert.Alerting} is the face of it; it also implements the
 * {@link io.homeostat.engine.port.Escalation} port the recovery layer calls.
 */
package io.homeostat.engine.alert;
