/**
 * The clinical triage application the demo keeps alive: its dependencies
 * ({@link io.homeostat.demo.triage.TriageSystem}), the guarded calls with call contexts and
 * tiered fallbacks ({@link io.homeostat.demo.triage.TriageApp}), the audit outbox and the
 * steady traffic ({@link io.homeostat.demo.triage.Traffic}).
 */
package io.homeostat.demo.triage;
