/**
 * Alerting configuration as YAML (receivers and their channels, the routing tree, flapping, the
 * on-call rotation and escalation rules), read into the validated records of the alerting
 * package; every error names the file, line, column and key path.
 */
package io.homeostat.engine.alert.config;
