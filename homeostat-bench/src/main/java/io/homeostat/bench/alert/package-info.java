/** Macro figures of alerting: how much of a detection storm reaches people. */
package io.homeostat.bench.alert;
