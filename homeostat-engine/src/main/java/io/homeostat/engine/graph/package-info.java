/**
 * KNOWLEDGE shared by the ANALYZE stage and alerting: the dependency graph of services, used to
 * correlate detections into one incident, to rank root causes and to inhibit downstream alerts.
 */
package io.homeostat.engine.graph;
