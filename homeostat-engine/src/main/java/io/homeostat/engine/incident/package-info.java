/**
 * ANALYZE stage, first half: detections become incidents, the problems people act on. The
 * {@link io.homeostat.engine.incident.IncidentTracker} joins detections by fingerprint (dedup) and
 * across the dependency graph (correlation), keeps each incident's timeline, resolves incidents
 * once their signals have been healthy for a hold period, and marks incidents that flap. Diagnosis,
 * planning and recovery drive the later states of the {@link io.homeostat.engine.incident.IncidentStatus
 * lifecycle} through the tracker's transitions.
 */
package io.homeostat.engine.incident;
