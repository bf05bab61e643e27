/**
 * The routing tree of alerting: which receiver hears about which alerts, grouped by which labels
 * and on which timers ({@link io.homeostat.engine.alert.route.GroupTiming}).
 */
package io.homeostat.engine.alert.route;
