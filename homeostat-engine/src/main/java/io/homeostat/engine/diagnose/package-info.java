/**
 * ANALYZE stage, second half: diagnosis. The {@link io.homeostat.engine.diagnose.Diagnoser} turns
 * an incident, its detections and the recent facts of trouble of its services
 * ({@link io.homeostat.engine.diagnose.RecentSignals}) into a
 * {@link io.homeostat.engine.diagnose.Diagnosis}: a {@link io.homeostat.engine.diagnose.DiagnosisCategory}
 * and severity, probable causes with confidence from rules that are data (see
 * {@link io.homeostat.engine.diagnose.rule}), the suspected root service across the dependency
 * graph, the impact, and explanations naming the rules that fired on which evidence. The PLAN
 * stage reads the diagnosis; the incident records it through
 * {@link io.homeostat.engine.incident.IncidentTracker#diagnose}.
 */
package io.homeostat.engine.diagnose;
